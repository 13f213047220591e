import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../commands/deps.js';
import { DomainError } from '../domain/errors.js';
import { authPlugin } from './auth.js';
import { clientErrorHandler, errorHandler, sendProblem } from './problem.js';
import { allowedMethods, applyRouteConventions } from './routeConventions.js';
import { wellFormedUrl } from './urls.js';
import { validatorCompiler } from './validation.js';
import { apiRoutes } from './routes/index.js';
import { mailboxRoutes } from './routes/mailbox/index.js';
import { opsRoutes } from './routes/ops/index.js';
import adminRoutes from './routes/admin/index.js';

export const BODY_LIMIT = 1024 * 1024;

/** The app uses none of these; saying so keeps an injected script from asking for them. */
const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

export interface AppOptions {
  /** Folder of the built web app (web/dist); served at / with client-side routes falling back to it. */
  webRoot?: string | null;
  logger?: boolean;
  /** Trust X-Forwarded-For from a load balancer in front. */
  trustProxy?: boolean;
}

export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, '../../web/dist');

/** True when the folder holds a built web app. */
export function isWebBuilt(webRoot: string): boolean {
  return existsSync(resolve(webRoot, 'index.html'));
}

/**
 * Files under assets/ carry a hash of their content in their name (Vite), so a browser may keep
 * them for good; everything else (index.html, which names the current hashes) is asked for again.
 */
export function webCacheControl(webRoot: string, file: string): string {
  const hashed = relative(webRoot, file).split(sep)[0] === 'assets';
  return hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export const WEB_NOT_BUILT_MESSAGE =
  'The web app is not built (web/dist/index.html is missing), so only the API is served. ' +
  'Run `npm run build` (or `npm run build:web`) and start the server again.';

const WEB_NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport: the web app is not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#eee;padding:0 .25rem}</style>
</head>
<body>
<main>
<h1>The web app is not built yet</h1>
<p>This server is running and its API answers, but the web app has not been built in this checkout.</p>
<p>Build it with <code>npm run build</code> (or only the web app: <code>npm run build:web</code>), then start the server again, for example with <code>npm start</code>.</p>
<p>The API is described at <a href="/api/docs">/api/docs</a>.</p>
</main>
</body>
</html>
`;

/**
 * Builds the app as a plugin tree, without listening: external plugins, then ours, then routes.
 * Tests call `app.inject()`; src/http/server.ts listens.
 */
export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: deps.config.logLevel } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? deps.config.trustProxy,
    // Per-request lines would drown the log; /metrics counts requests and latencies instead.
    logController: new LogController({ disableRequestLogging: true }),
    // Path ids of any length or encoding reach the route and answer 404 like any unknown id; a
    // real request line is capped by Node's header size limit long before this.
    routerOptions: { maxParamLength: 16_384 },
    rewriteUrl: (request) => wellFormedUrl(request.url ?? '/'),
    // The router's own refusals skip every hook; should one still happen, it is a problem too.
    frameworkErrors: (_error, _request, reply) =>
      sendProblem(reply, DomainError.notFound('No such resource')),
    // Requests Node refuses before Fastify sees them (headers over 16 KiB, a malformed request
    // line, a timeout) get a problem document too, not Node's or Fastify's own JSON.
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // External plugins.
  // Security headers on every response, errors and the SPA fallback included. The middleware is
  // built once: @fastify/helmet rebuilt it (parsing the policy again) on every request, about 5%
  // of a simple GET's CPU (bench/, --cpu-prof).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only where the deployment says it is served over HTTPS: on plain HTTP at a LAN address
        // or intranet name, browsers would fetch the app's own scripts over https: a blank page.
        upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    // HSTS over plain HTTP is at best ignored and at worst, on a name later served over HTTPS
    // by something else, pins it: only a deployment that says it is on HTTPS sends it.
    strictTransportSecurity: deps.config.secureCookies
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('permissions-policy', PERMISSIONS_POLICY);
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version: '1.0.0',
        description: 'Connection invitations for a self-hosted professional network (design/api.md).',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Its built-in policy always asks for an upgrade to https: on plain HTTP the page was blank.
    transformStaticCSP: (header: string) =>
      deps.config.secureCookies ? header : header.replace(/\s*upgrade-insecure-requests;?/g, ''),
  });

  // Ours: parsing, validation, errors, metrics.
  app.setValidatorCompiler(validatorCompiler);
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (request, body, done) => {
      // An empty body on an action such as withdraw is "no body", not malformed JSON.
      if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
      defaultJson(request, String(body), (err, value) =>
        err ? done(new DomainError('invalid_json'), undefined) : done(null, value),
      );
    },
  );
  app.setErrorHandler(errorHandler);
  app.addHook('onRoute', applyRouteConventions);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ route, method: request.method, status: String(reply.statusCode) });
    deps.metrics.httpDuration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });

  // Routes.
  await app.register(opsRoutes, { deps });
  await app.register(mailboxRoutes, { deps });
  await app.register(
    async (api) => {
      await api.register(authPlugin, { deps });
      // Members' data, CSV downloads and the live stream: never kept by a browser or proxy cache.
      api.addHook('onSend', async (_request, reply, payload) => {
        void reply.header('cache-control', 'no-store');
        return payload;
      });
      await api.register(apiRoutes, { deps });
    },
    { prefix: '/api/v1' },
  );
  // The moderators' API, beside the members' and outside its sign-in: its own gate answers
  // everyone else as a path that does not exist (routes/admin).
  await app.register(adminRoutes, { deps, prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  const serveWeb = webRoot !== null && isWebBuilt(webRoot);
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each file (web/vite.config.ts): a browser that
      // accepts one gets it, and nothing is compressed per request.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply, path) => void reply.header('cache-control', webCacheControl(webRoot, path)),
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Client-side routes fall back to the app; a missing built asset is a real 404, so a page
    // built against older assets fails loudly instead of loading HTML as a script.
    const wantsPage =
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/assets/') &&
      path !== '/metrics';
    if (serveWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    // A checkout before `npm run build`: say how to get the app rather than a JSON 404.
    if (webRoot !== null && wantsPage) return reply.type('text/html; charset=utf-8').send(WEB_NOT_BUILT_PAGE);
    // A path that exists answers another method with 405 and what it allows (RFC 9110 §15.5.6).
    const allow = allowedMethods(app, request.method, path);
    if (allow.length > 0) {
      void reply.header('allow', allow.join(', '));
      return sendProblem(
        reply,
        new DomainError('method_not_allowed', `${path} answers ${allow.join(', ')}, not ${request.method}`),
      );
    }
    return sendProblem(reply, new DomainError('not_found', `No route for ${request.method} ${path}`));
  });

  return app;
}
