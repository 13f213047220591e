import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../domain/errors.js';
import { Problem } from './presenters.js';

/**
 * Rules every documented route follows, applied once as routes are added (app.ts's onRoute
 * hook) rather than remembered route by route, so the OpenAPI document and the server agree:
 *
 * - an `operationId` made of the method and the path (`postInvitationsByIdWithdraw`);
 * - refusals documented as what they are, `application/problem+json`;
 * - a GET refuses query parameters it does not declare (`400 validation_failed`), as
 *   /notifications always did, instead of ignoring some and refusing others;
 * - an operation that declares no request body refuses one (`400 validation_failed`); an empty
 *   body, or `{}`, is no body.
 */
export function applyRouteConventions(route: RouteOptions): void {
  if (!route.schema || typeof route.schema !== 'object') return;
  const schema = route.schema as {
    hide?: boolean;
    operationId?: string;
    response?: Record<string, unknown>;
    querystring?: Record<string, unknown>;
    body?: unknown;
  };
  schema.response = { ...(schema.response ?? {}), '4xx': ProblemResponse };
  if (schema.hide) return;
  const methods = [route.method].flat();
  const method = methods[0] ?? 'GET';
  schema.operationId ??= operationIdOf(method, route.url);
  if (methods.includes('GET')) {
    schema.querystring = { ...(schema.querystring ?? Type.Object({})), additionalProperties: false };
  } else if (schema.body === undefined) {
    route.preValidation = [...[route.preValidation ?? []].flat(), refuseBody];
  }
}

/** The refusals of every route: an RFC 9457 problem document, with its media type. */
export const ProblemResponse = {
  description: 'A problem document (RFC 9457) whose `code` says what was refused',
  content: { 'application/problem+json': { schema: Problem } },
};

/** For a route that may answer 429: how long to wait, as the answer says. */
export const RateLimitedResponse = {
  ...ProblemResponse,
  description: 'Too many attempts: a problem document, and when to try again',
  headers: {
    'retry-after': Type.Integer({ minimum: 1, description: 'Seconds to wait before trying again' }),
  },
};

/** `POST /api/v1/invitations/:id/withdraw` → `postInvitationsByIdWithdraw`. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split(/[/-]/)
    .filter((part) => part !== '')
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split('-'));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

async function refuseBody(request: FastifyRequest): Promise<void> {
  const body: unknown = request.body;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw DomainError.validation('/', 'This operation takes no request body');
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The methods a path answers to, when the request's method is not one of them: the not-found
 * handler answers 405 with `Allow` then. Empty for a path no route matches, when a route of this
 * method sent the request here itself, and for `/admin` paths, which must read as nonexistent
 * to anyone who is not a moderator (design/api.md).
 */
export function allowedMethods(app: FastifyInstance, method: string, path: string): string[] {
  if (/^\/api\/v1\/admin(\/|$)/.test(path)) return [];
  const allowed = METHODS.filter((m) => app.findRoute({ method: m, url: path }) !== null);
  // The route itself answered "not found" (a /metrics for others, say): that is what it is.
  return allowed.includes(method as (typeof METHODS)[number]) ? [] : allowed;
}
