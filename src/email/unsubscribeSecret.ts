import { randomBytes } from 'node:crypto';
import type { Deps } from '../commands/deps.js';
import type { Db } from '../storage/database.js';
import { findSharedSecret, sharedSecret } from '../storage/repositories/serverSecrets.js';

const cache = new WeakMap<Db, Promise<string>>();

/** The HMAC key of the unsubscribe tokens, shared by every process through the database. */
export function unsubscribeSecret(deps: Pick<Deps, 'db' | 'clock'>): Promise<string> {
  let secret = cache.get(deps.db);
  if (!secret) {
    secret = sharedSecret(
      deps.db,
      'email_unsubscribe',
      () => randomBytes(32).toString('base64url'),
      deps.clock.now(),
    );
    secret.catch(() => cache.delete(deps.db));
    cache.set(deps.db, secret);
  }
  return secret;
}

/**
 * The key only if it exists, for checking a token a request carries: before the first email no
 * token was issued, so none is valid, and a request (a 4xx) never creates the key.
 */
export async function existingUnsubscribeSecret(deps: Pick<Deps, 'db'>): Promise<string | undefined> {
  const cached = cache.get(deps.db);
  if (cached) return cached;
  return findSharedSecret(deps.db, 'email_unsubscribe');
}
