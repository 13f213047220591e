/**
 * Every refusal Rapport gives has a stable code (design/api.md). The HTTP layer maps these to
 * problem+json in one place (src/http/problem.ts); nothing else decides a status.
 */

export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  cannot_invite_self: 400,
  cannot_block_self: 400,
  cannot_report_self: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invitations_restricted: 403,
  csrf_rejected: 403,
  sender_restricted: 403,
  account_suspended: 403,
  not_found: 404,
  email_taken: 409,
  invitation_already_pending: 409,
  already_connected: 409,
  connection_limit_reached: 409,
  invitation_not_pending: 409,
  too_many_pending: 409,
  already_reported: 409,
  report_not_open: 409,
  cannot_suspend_moderator: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  request_timeout: 408,
  headers_too_large: 431,
  rate_limited: 429,
  invitation_limit_reached: 429,
  resend_cooldown: 429,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  invalid_json: 'The body is not valid JSON',
  cannot_invite_self: 'You cannot invite yourself',
  cannot_block_self: 'You cannot block yourself',
  cannot_report_self: 'You cannot report yourself',
  unauthorized: 'Sign in to continue',
  invalid_credentials: 'Wrong email or password',
  invitations_restricted: 'This member only accepts invitations from people who know their email address',
  csrf_rejected: 'Cross-site request refused',
  sender_restricted: 'Your invitations need the recipient’s email address for now',
  account_suspended: 'This account is suspended',
  not_found: 'Not found',
  email_taken: 'That email address is already registered',
  invitation_already_pending: 'An invitation between you is already pending',
  already_connected: 'You are already connected',
  connection_limit_reached: 'Connection limit reached',
  invitation_not_pending: 'The invitation is no longer pending',
  too_many_pending: 'You have too many pending invitations',
  already_reported: 'You reported this recently',
  report_not_open: 'This report was already resolved',
  cannot_suspend_moderator: 'Moderators cannot be suspended',
  payload_too_large: 'The body is too large',
  unsupported_media_type: 'Send the body as application/json',
  request_timeout: 'The request took too long to arrive',
  headers_too_large: 'The request line or headers are too large',
  rate_limited: 'Too many requests',
  invitation_limit_reached: 'You have reached your invitation limit',
  resend_cooldown: 'You must wait before inviting this member again',
  service_unavailable: 'Service unavailable',
};

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  override name = 'DomainError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: { retryAfterSeconds?: number; errors?: FieldError[] } = {},
  ) {
    super(detail ?? ERROR_TITLES[code]);
    this.status = ERROR_STATUS[code];
  }

  static validation(path: string, message: string): DomainError {
    return new DomainError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
  }

  static notFound(what = 'No such resource'): DomainError {
    return new DomainError('not_found', what);
  }
}
