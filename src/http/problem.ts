import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_TITLES, type ErrorCode, type FieldError } from '../domain/errors.js';

/** The HTTP status of every refusal: a new code in src/domain/errors.ts must get one here. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
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
  method_not_allowed: 405,
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
};

function problemBody(error: DomainError): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: `https://rapport.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: ERROR_TITLES[error.code],
    status: ERROR_STATUS[error.code],
    detail: error.message,
    code: error.code,
  };
  if (error.extra.errors) body.errors = error.extra.errors;
  return body;
}

/** Writes an RFC 9457 problem document; the one place a refusal becomes HTTP. */
export function sendProblem(reply: FastifyReply, error: DomainError): FastifyReply {
  const body = problemBody(error);
  if (error.extra.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(Math.max(1, Math.ceil(error.extra.retryAfterSeconds))));
  }
  return reply.code(ERROR_STATUS[error.code]).type('application/problem+json').send(body);
}

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function validationErrors(error: FastifyError): FieldError[] {
  const issues = (error.validation ?? []) as AjvLikeError[];
  return issues.map((issue) => {
    let path = issue.instancePath || '';
    if (issue.keyword === 'required' && typeof issue.params?.missingProperty === 'string') {
      path = `${path}/${issue.params.missingProperty}`;
    }
    if (issue.keyword === 'additionalProperties' && typeof issue.params?.additionalProperty === 'string') {
      path = `${path}/${issue.params.additionalProperty}`;
    }
    return { path: path || '/', message: issue.message ?? 'is not valid' };
  });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'rate_limited',
};

/** Turns anything thrown while handling a request into a problem document, never a stack trace. */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const e = error as FastifyError & { statusCode?: number };
  // Path parameters are ids: one that cannot be valid names nothing, like an unknown one.
  if (e && Array.isArray(e.validation) && e.validationContext === 'params') {
    return DomainError.notFound('No such resource');
  }
  if (e && Array.isArray(e.validation)) {
    const errors = validationErrors(e);
    return new DomainError('validation_failed', errors.map((x) => `${x.path} ${x.message}`).join('; '), {
      errors,
    });
  }
  const mapped = e?.code ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) return new DomainError(mapped, ERROR_TITLES[mapped]);
  if (e instanceof SyntaxError) return new DomainError('invalid_json');
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 429) return new DomainError('rate_limited');
    if (e.statusCode === 413) return new DomainError('payload_too_large');
    if (e.statusCode === 415) return new DomainError('unsupported_media_type');
    if (e.statusCode === 404) return new DomainError('not_found');
    return new DomainError('validation_failed', e.message);
  }
  return null;
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toDomainError(error);
  if (known) return sendProblem(reply, known);
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).type('application/problem+json').send({
    type: 'about:blank',
    title: 'Something went wrong on our side',
    status: 500,
    detail: 'The request could not be completed; nothing was changed.',
    code: 'internal_error',
  });
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * Fastify's clientErrorHandler: what Node's HTTP parser refused before there was a request (a
 * header section over the limit, a malformed request line, a request too slow to arrive) is
 * answered on the raw socket with a problem document like every other refusal.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new DomainError('headers_too_large', 'The request line and headers may be at most 16 KiB')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new DomainError('request_timeout')
        : new DomainError('validation_failed', 'This is not a well-formed HTTP request');
  const body = JSON.stringify(problemBody(refusal));
  const status = ERROR_STATUS[refusal.code];
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\n` +
        `content-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `x-content-type-options: nosniff\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
