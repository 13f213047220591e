import { LOGIN_WINDOW } from '../domain/signIn.js';
import { deleteLoginFailuresUpTo } from '../storage/repositories/loginFailures.js';
import { deleteExpiredSessions } from '../storage/repositories/sessions.js';
import type { Deps } from './deps.js';

/** Forgets sessions that have expired and failed sign-ins that no longer count toward any throttle. */
export async function forgetExpiredSignIns(
  deps: Deps,
  now: number,
): Promise<{ sessionsDeleted: number; loginFailuresDeleted: number }> {
  const sessionsDeleted = await deleteExpiredSessions(deps.db, now);
  const loginFailuresDeleted = await deleteLoginFailuresUpTo(deps.db, now - LOGIN_WINDOW);
  return { sessionsDeleted, loginFailuresDeleted };
}
