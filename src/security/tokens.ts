import { createHash, randomBytes } from 'node:crypto';

/** Session tokens are 256 random bits; only their SHA-256 is stored (A1). */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
