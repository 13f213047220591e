import { DomainError } from '../domain/errors.js';
import type { MemberSummary } from '../domain/members.js';
import { normalizeEmail } from '../domain/note.js';
import { LOGIN_WINDOW } from '../domain/signIn.js';
import { decoyHash, verifyPassword } from '../security/passwords.js';
import { insertLoginFailure, loginFailuresSince } from '../storage/repositories/loginFailures.js';
import { findMemberByEmail } from '../storage/repositories/members.js';
import type { Deps } from './deps.js';
import { startSession, type NewSession } from './startSession.js';

/**
 * Unknown email and wrong password get the same answer and take the same time. After
 * RAPPORT_LOGIN_ATTEMPTS failures for an account within 15 minutes, every attempt on it is
 * refused until the oldest failure leaves the window, so guessing cannot go on at speed.
 */
export async function logIn(
  deps: Deps,
  input: { email: string; password: string },
): Promise<{ member: MemberSummary } & NewSession> {
  const emailNormalized = normalizeEmail(input.email);
  const now = deps.clock.now();
  const failures = await loginFailuresSince(
    deps.db,
    emailNormalized,
    now - LOGIN_WINDOW,
    deps.config.loginAttempts,
  );
  if (failures.length >= deps.config.loginAttempts) {
    const oldest = failures[0] ?? now;
    throw new DomainError('rate_limited', 'Too many failed sign-in attempts; try again later', {
      retryAfterSeconds: (oldest + LOGIN_WINDOW - now) / 1000,
    });
  }
  const member = await findMemberByEmail(deps.db, emailNormalized);
  const ok = member
    ? await verifyPassword(input.password, member.password_hash)
    : await verifyPassword(input.password, await decoyHash(deps.config.scryptLogN)).then(() => false);
  if (!member || !ok) {
    await insertLoginFailure(deps.db, emailNormalized, now);
    throw new DomainError('invalid_credentials', 'Wrong email or password');
  }
  const session = await startSession(deps, deps.db, member.id);
  return { member: { id: member.id, name: member.name, headline: member.headline }, ...session };
}
