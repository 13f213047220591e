import { MINUTE } from './time.js';

/**
 * Failed sign-ins count against an account for this long: after RAPPORT_LOGIN_ATTEMPTS of them
 * from one client address inside the window, sign-in from that address is refused until the
 * oldest leaves it.
 */
export const LOGIN_WINDOW = 15 * MINUTE;

/**
 * Failures on an account from all addresses together, as a multiple of RAPPORT_LOGIN_ATTEMPTS,
 * past which every sign-in on it is slowed (never locked): a stranger's guesses from one address
 * lock only that address out, and only a spread-out guessing campaign slows the owner down.
 */
export const ACCOUNT_CEILING_FACTOR = 10;
/** Past the ceiling, each further failure doubles the wait before the next try, up to this. */
export const MAX_ACCOUNT_DELAY = MINUTE;
const FIRST_ACCOUNT_DELAY = 1000;

export interface SignInFailures {
  /** Times of the failures on this account from this address in the window, oldest first. */
  fromAddress: readonly number[];
  /** Failures on this account from any address in the window, and the latest of them. */
  onAccount: { count: number; latest: number | null };
}

/**
 * How long a sign-in attempt must wait, in milliseconds, or 0 to try it now. Pure: the facts
 * and the clock come in.
 */
export function signInWait(failures: SignInFailures, now: number, attempts: number): number {
  const oldest = failures.fromAddress[0];
  if (failures.fromAddress.length >= attempts && oldest !== undefined) {
    return Math.max(0, oldest + LOGIN_WINDOW - now);
  }
  const beyond = failures.onAccount.count - accountCeiling(attempts);
  if (beyond < 0 || failures.onAccount.latest === null) return 0;
  const delay = Math.min(MAX_ACCOUNT_DELAY, FIRST_ACCOUNT_DELAY * 2 ** Math.min(beyond, 30));
  return Math.max(0, failures.onAccount.latest + delay - now);
}

/** Failures on one account, from any address, within the window before sign-in on it slows. */
export function accountCeiling(attempts: number): number {
  return attempts * ACCOUNT_CEILING_FACTOR;
}
