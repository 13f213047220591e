/**
 * Every refusal Rapport gives has a stable code (design/api.md) and a title. The HTTP layer gives
 * each code its status and writes the problem+json in one place (src/http/problem.ts); the rules
 * never know about HTTP.
 */

export const ERROR_TITLES = {
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
  method_not_allowed: 'This method is not allowed here',
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
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_TITLES;

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: { retryAfterSeconds?: number; errors?: FieldError[] } = {},
  ) {
    super(detail ?? ERROR_TITLES[code]);
  }

  static validation(path: string, message: string): DomainError {
    return new DomainError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
  }

  static notFound(what = 'No such resource'): DomainError {
    return new DomainError('not_found', what);
  }
}
