/**
 * The one API client. It speaks to /api/v1 with the session cookie only (the app never sees the
 * token), turns problem+json answers into ApiError, and reports a lost session once, centrally.
 */

export interface Member {
  id: string;
  name: string;
  headline: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

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

const BASE = '/api/v1';
let onUnauthorized: () => void = () => {};

/** Called by the app shell: a 401 from any call means the session is gone. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | null | undefined>;

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
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

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', FALLBACK_MESSAGES[0]!);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    // A wrong password (changing it, deleting the account) is a 401 too, but the session is fine.
    if (response.status === 401 && error.code !== 'invalid_credentials' && !path.startsWith('/auth/')) {
      onUnauthorized();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
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
