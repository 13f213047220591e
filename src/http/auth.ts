import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../commands/deps.js';
import { DomainError } from '../domain/errors.js';
import { hashToken } from '../security/tokens.js';
import { memberOfSession } from '../queries/memberOfSession.js';
import { moderatorOfSession } from '../queries/isModerator.js';

export const SESSION_COOKIE = 'rapport_session';

export interface RequestActor {
  id: string;
  tokenHash: string;
  via: 'cookie' | 'bearer';
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: RequestActor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (signup, login, the OpenAPI document). */
    public?: boolean;
    /**
     * No CSRF check: the request carries its own unguessable proof and changes only what that
     * proof allows (RFC 8058 one-click unsubscribe, which mail providers POST from anywhere).
     */
    csrfExempt?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * CSRF defence for requests a browser could be tricked into sending: a state-changing request
 * that is not Bearer-authenticated must come from our own origin when the browser says where it
 * comes from (Sec-Fetch-Site, else Origin). Requests with neither header are not from a browser.
 */
function assertSameOrigin(request: FastifyRequest, httpsDeployment: boolean): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (site === 'same-origin' || site === 'none') return;
    throw new DomainError('csrf_rejected', 'This request came from another site and was refused');
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return;
  const own = ownOrigin(request, httpsDeployment);
  if (own === null || originOf(origin) !== own) {
    throw new DomainError('csrf_rejected', 'This request came from another origin and was refused');
  }
}

/** Scheme, host and port, with default ports dropped; null when it is not an http(s) URL. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Where the browser sees this server. Behind a TLS-terminating proxy the socket is plain HTTP:
 * the scheme is https when the proxy says so (RAPPORT_TRUST_PROXY, X-Forwarded-Proto) or when the
 * deployment says it is served over HTTPS (RAPPORT_SECURE_COOKIES).
 */
function ownOrigin(request: FastifyRequest, httpsDeployment: boolean): string | null {
  const host = request.headers.host;
  if (!host) return null;
  const scheme = httpsDeployment || request.protocol === 'https' ? 'https' : 'http';
  return originOf(`${scheme}://${host}`);
}

async function authenticate(deps: Deps, request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const bearer = bearerToken(request);
  const cookie = request.cookies[SESSION_COOKIE];
  const token = bearer ?? cookie ?? null;
  const via = bearer ? 'bearer' : 'cookie';
  const exempt = request.routeOptions.config.csrfExempt === true;
  if (via === 'cookie' && !SAFE_METHODS.has(request.method) && !exempt) {
    assertSameOrigin(request, deps.config.secureCookies);
  }
  if (request.routeOptions.config.public) return;
  if (!token || token.length > 200) throw new DomainError('unauthorized', 'Sign in to continue');
  const tokenHash = hashToken(token);
  const memberId = await memberOfSession(deps, tokenHash);
  if (!memberId) throw new DomainError('unauthorized', 'Your session has ended; sign in again');
  request.actor = { id: memberId, tokenHash, via };
}

/** Resolves the signed-in member for every route in the scope it is registered in. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { deps: Deps }) => {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', (request, reply) => authenticate(opts.deps, request, reply));
});

/** The signed-in member; routes that are not public can rely on it. */
export function actorOf(request: FastifyRequest): RequestActor {
  if (!request.actor) throw new DomainError('unauthorized');
  return request.actor;
}

/**
 * The gate of every /admin route (M4), as an onRequest hook: before the body is read or checked,
 * anyone but a signed-in moderator gets exactly the answer of a path that does not exist (the app's
 * own not-found handler), whatever they send — no session, a member's session, a cross-site
 * write. Only a moderator is then held to the CSRF rule.
 */
export async function moderatorGate(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const bearer = bearerToken(request);
  const token = bearer ?? request.cookies[SESSION_COOKIE] ?? null;
  const tokenHash = token && token.length <= 200 ? hashToken(token) : null;
  const moderatorId = tokenHash ? await moderatorOfSession(deps, tokenHash) : null;
  if (!moderatorId || !tokenHash) {
    reply.callNotFound();
    return reply;
  }
  const via = bearer ? 'bearer' : 'cookie';
  if (via === 'cookie' && !SAFE_METHODS.has(request.method)) {
    assertSameOrigin(request, deps.config.secureCookies);
  }
  request.actor = { id: moderatorId, tokenHash, via };
  void reply.header('cache-control', 'no-store');
}
