/**
 * The one API client. It speaks to /api/v1 with the session cookie only (the app never sees the
 * token), turns problem+json answers into ApiError, and reports a lost session once, centrally.
 *
 * Every call is typed by path and method from the OpenAPI document the server serves:
 * `./openapi/schema.d.ts` is generated from it by `npm run api:types` (scripts/openapi.ts), and
 * `npm run typecheck` fails when it no longer matches the server's schemas. Response types are
 * derived from it with `ApiResponse`, never written by hand.
 */
import createClient from 'openapi-fetch';
import type { paths } from './openapi/schema';

type Method = 'get' | 'post' | 'patch' | 'delete';
type JsonContent<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;
type Responses<Path extends keyof paths, M extends Method> = paths[Path][M] extends { responses: infer R }
  ? R
  : never;
type SuccessStatus = 200 | 201 | 202 | 204;

/**
 * The JSON body of a successful answer to `method path`, as the document describes it (the union
 * when an operation has several, e.g. 201 or 200 for POST /invitations).
 */
export type ApiResponse<Path extends keyof paths, M extends Method = 'get'> = {
  [Status in keyof Responses<Path, M>]: Status extends SuccessStatus
    ? JsonContent<Responses<Path, M>[Status]>
    : never;
}[keyof Responses<Path, M>];

/** The JSON request body of `method path`. */
export type ApiRequestBody<Path extends keyof paths, M extends Method> = paths[Path][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** A member as every answer presents one. */
export type Member = ApiResponse<'/api/v1/me'>['member'];

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds, from a Retry-After header. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

let onUnauthorized: (path: string) => void = () => {};

/** Called by the app shell: a 401 from any call means the session is gone (`path` said so). */
export function setUnauthorizedHandler(handler: (path: string) => void): void {
  onUnauthorized = handler;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: 'Couldn’t reach Rapport. Check your connection and try again.',
  404: 'That could not be found. It may have been removed.',
  429: 'Too many requests. Wait a moment and try again.',
  500: 'Something went wrong on our side. Try again in a moment.',
};

async function toApiError(response: Response): Promise<ApiError> {
  let code = 'error';
  let message = FALLBACK_MESSAGES[response.status] ?? FALLBACK_MESSAGES[500]!;
  try {
    const problem = (await response.json()) as { code?: string; detail?: string; title?: string };
    if (problem.code) code = problem.code;
    if (problem.detail || problem.title) message = (problem.detail || problem.title)!;
  } catch {
    // Not a problem document (a proxy's error page, say): keep the fallback message.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    code,
    message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** Query parameters without a value (undefined, null or '') are left out of the URL. */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/**
 * Typed by the document: `api.GET('/api/v1/members/{id}', { params: { path: { id } } })`.
 * Wrap a call in `data()` to get its body; a failed call rejects with ApiError.
 */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  querySerializer: serializeQuery,
});

api.use({
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const error = await toApiError(response);
    // A wrong password (changing it, deleting the account) is a 401 too, but the session is fine.
    if (
      response.status === 401 &&
      error.code !== 'invalid_credentials' &&
      !schemaPath.startsWith('/api/v1/auth/')
    ) {
      onUnauthorized(schemaPath);
    }
    throw error;
  },
  onError({ request }) {
    // An aborted request (a query React Query cancelled) rejects as it is.
    if (request.signal.aborted) return undefined;
    return new ApiError(0, 'network_error', FALLBACK_MESSAGES[0]!);
  },
});

/** The body of a successful answer (undefined for 204); failures were thrown as ApiError above. */
export async function data<Result extends { response: Response }>(
  call: Promise<Result>,
): Promise<Extract<Result, { data: unknown }>['data']> {
  const result = (await call) as Result & { data?: unknown; error?: unknown };
  if (!result.response.ok) throw await toApiError(result.response);
  return result.data as Extract<Result, { data: unknown }>['data'];
}

/** A message a person can act on, for any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.retryAfter && (error.status === 429 || error.code.endsWith('_limit_reached'))) {
      return `${error.message} You can try again ${inDuration(error.retryAfter)}.`;
    }
    return error.message;
  }
  return FALLBACK_MESSAGES[500]!;
}

function inDuration(seconds: number): string {
  if (seconds < 90) return `in ${Math.max(1, Math.round(seconds))} seconds`;
  if (seconds < 90 * 60) return `in ${Math.round(seconds / 60)} minutes`;
  if (seconds < 36 * 3600) return `in ${Math.round(seconds / 3600)} hours`;
  return `in ${Math.round(seconds / 86400)} days`;
}
