import { DomainError } from '../domain/errors.js';
import type { MemberSummary } from '../domain/members.js';
import { normalizeEmail } from '../domain/note.js';
import { LOGIN_WINDOW, signInWait } from '../domain/signIn.js';
import { decoyHash, verifyPassword } from '../security/passwords.js';
import {
  accountLoginFailures,
  insertLoginFailure,
  loginFailuresFromAddress,
} from '../storage/repositories/loginFailures.js';
import { findMemberByEmail } from '../storage/repositories/members.js';
import type { Deps } from './deps.js';
import { startSession, type NewSession } from './startSession.js';

/**
 * Unknown email and wrong password get the same answer and take the same time. After
 * RAPPORT_LOGIN_ATTEMPTS failures for an account from one client address within 15 minutes,
 * attempts on it from that address are refused until the oldest failure leaves the window; other
 * addresses, the owner's among them, go on. Past ten times as many failures on the account from
 * all addresses together, every attempt on it waits a little longer after each failure (domain
 * signInWait), so a guessing campaign spread over many addresses stays slow without locking
 * the owner out.
 */
export async function logIn(
  deps: Deps,
  input: { email: string; password: string; clientAddress: string },
): Promise<{ member: MemberSummary } & NewSession> {
  const emailNormalized = normalizeEmail(input.email);
  const now = deps.clock.now();
  const since = now - LOGIN_WINDOW;
  const attempts = deps.config.loginAttempts;
  // As long as the column holds; a forwarded address is whatever the proxy wrote.
  const clientAddress = input.clientAddress.slice(0, 64);
  const wait = signInWait(
    {
      fromAddress: await loginFailuresFromAddress(deps.db, emailNormalized, clientAddress, since, attempts),
      onAccount: await accountLoginFailures(deps.db, emailNormalized, since),
    },
    now,
    attempts,
  );
  if (wait > 0) {
    throw new DomainError('rate_limited', 'Too many failed sign-in attempts; try again later', {
      retryAfterSeconds: wait / 1000,
    });
  }
  const member = await findMemberByEmail(deps.db, emailNormalized);
  const ok = member
    ? await verifyPassword(input.password, member.password_hash)
    : await verifyPassword(input.password, await decoyHash(deps.config.scryptLogN)).then(() => false);
  if (!member || !ok) {
    await insertLoginFailure(deps.db, emailNormalized, clientAddress, now);
    throw new DomainError('invalid_credentials', 'Wrong email or password');
  }
  // Told only to someone who knows the password (M4).
  if (member.suspended_at !== null) throw new DomainError('account_suspended', 'This account is suspended');
  const session = await startSession(deps, deps.db, member.id);
  return { member: { id: member.id, name: member.name, headline: member.headline }, ...session };
}
