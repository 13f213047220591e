import { DAY } from '../clock.js';
import { newSessionToken } from '../security/tokens.js';
import type { Queryable } from '../storage/database.js';
import { insertSession } from '../storage/repositories/sessions.js';
import type { Deps } from './deps.js';

export interface NewSession {
  token: string;
  expiresAt: number;
}

export async function startSession(deps: Deps, db: Queryable, memberId: string): Promise<NewSession> {
  const { token, tokenHash } = newSessionToken();
  const now = deps.clock.now();
  const expiresAt = now + deps.config.sessionDays * DAY;
  await insertSession(db, { tokenHash, memberId, createdAt: now, expiresAt });
  return { token, expiresAt };
}
