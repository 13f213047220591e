import { DomainError } from './errors.js';

export const MAX_NOTE_LENGTH = 300;

// C0 controls except \t \n \r, DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/**
 * The personal note on an invitation (I1): trimmed, counted in code points, at most 300,
 * no control characters other than line breaks and tabs; empty becomes null.
 */
export function normalizeNote(raw: string | null | undefined, path = '/message'): string | null {
  if (raw === null || raw === undefined) return null;
  if (FORBIDDEN_CONTROL.test(raw)) {
    throw DomainError.validation(path, 'must not contain control characters other than line breaks and tabs');
  }
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const length = [...trimmed].length;
  if (length > MAX_NOTE_LENGTH) {
    throw DomainError.validation(path, `must be at most ${MAX_NOTE_LENGTH} characters (got ${length})`);
  }
  return trimmed;
}

/** Names and headlines follow the same hygiene: trimmed, no control characters at all. */
export function normalizeText(raw: string, path: string, { min, max }: { min: number; max: number }): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F]/u.test(raw)) {
    throw DomainError.validation(path, 'must not contain control characters');
  }
  const trimmed = raw.trim();
  const length = [...trimmed].length;
  if (length < min)
    throw DomainError.validation(
      path,
      min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
    );
  if (length > max) throw DomainError.validation(path, `must be at most ${max} characters`);
  return trimmed;
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
