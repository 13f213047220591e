import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../../commands/deps.js';
import { DEMO_LOGIN } from '../../../commands/loadDemoNetwork.js';
import { logIn } from '../../../commands/logIn.js';
import { logOut } from '../../../commands/logOut.js';
import { signOutEverywhere } from '../../../commands/signOutEverywhere.js';
import { signUp } from '../../../commands/signUp.js';
import { DomainError } from '../../../domain/errors.js';
import { SESSION_COOKIE, actorOf } from '../../auth.js';
import { presentMember } from '../../presenters.js';
import { RateLimitedResponse } from '../../routeConventions.js';
import { LogInBody, SessionReply, SignedOut, SignUpBody } from './schema.js';

function rateLimited(_request: unknown, context: { ttl: number }) {
  return new DomainError('rate_limited', 'Too many requests from your address; try again later', {
    retryAfterSeconds: context.ttl / 1000,
  });
}

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  function setSessionCookie(reply: FastifyReply, token: string, expiresAt: number): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: deps.config.secureCookies,
      expires: new Date(expiresAt),
    });
  }

  app.post(
    '/auth/signup',
    {
      config: {
        public: true,
        rateLimit: {
          max: deps.config.signupsPerHour,
          timeWindow: '1 hour',
          errorResponseBuilder: rateLimited,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Create an account (A1)',
        security: [],
        body: SignUpBody,
        response: { 201: SessionReply, 429: RateLimitedResponse },
      },
    },
    async (request, reply) => {
      const result = await signUp(deps, request.body);
      setSessionCookie(reply, result.token, result.expiresAt);
      return reply.code(201).send({ member: presentMember(result.member), token: result.token });
    },
  );

  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: deps.config.loginAttempts * 10,
          timeWindow: '15 minutes',
          errorResponseBuilder: rateLimited,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in (A1)',
        security: [],
        body: LogInBody,
        response: { 200: SessionReply, 429: RateLimitedResponse },
      },
    },
    async (request, reply) => {
      const result = await logIn(deps, { ...request.body, clientAddress: request.ip });
      setSessionCookie(reply, result.token, result.expiresAt);
      return { member: presentMember(result.member), token: result.token };
    },
  );

  app.get(
    '/auth/demo',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'The demo login, when the server runs with demo members (RAPPORT_DEMO=1); else 404',
        security: [],
        response: { 200: Type.Object({ email: Type.String(), password: Type.String() }) },
      },
    },
    async () => {
      if (!deps.config.demo) throw DomainError.notFound('This server has no demo members');
      return { ...DEMO_LOGIN };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: the token stops working (A1)',
        response: { 204: SignedOut },
      },
    },
    async (request, reply) => {
      await logOut(deps, actorOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere: every session of the member stops working, this one too (A5)',
        response: { 204: SignedOut },
      },
    },
    async (request, reply) => {
      await signOutEverywhere(deps, actorOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};

export default routes;
