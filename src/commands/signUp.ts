import { DomainError } from '../domain/errors.js';
import { normalizeEmail, normalizeText } from '../domain/note.js';
import { hashPassword } from '../security/passwords.js';
import { newId } from '../storage/ids.js';
import { findMemberByEmail, insertMember } from '../storage/repositories/members.js';
import type { MemberSummary } from '../domain/members.js';
import { inTransaction, type Deps } from './deps.js';
import { startSession, type NewSession } from './startSession.js';

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  headline?: string | undefined;
}

export async function signUp(
  deps: Deps,
  input: SignUpInput,
): Promise<{ member: MemberSummary } & NewSession> {
  const email = input.email.trim();
  const emailNormalized = normalizeEmail(email);
  const name = normalizeText(input.name, '/name', { min: 1, max: 100 });
  const headline = normalizeText(input.headline ?? '', '/headline', { min: 0, max: 200 });
  const passwordHash = await hashPassword(input.password, deps.config.scryptLogN);
  const now = deps.clock.now();
  return inTransaction(deps, async (trx) => {
    if (await findMemberByEmail(trx, emailNormalized)) {
      throw new DomainError('email_taken', 'An account with that email address already exists');
    }
    const id = newId();
    await insertMember(trx, {
      id,
      email,
      email_normalized: emailNormalized,
      password_hash: passwordHash,
      name,
      name_lower: name.toLowerCase(),
      headline,
      who_can_invite: 'everyone',
      auto_withdraw_after_days: null,
      connection_count: 0,
      pending_sent_count: 0,
      pending_received_count: 0,
      last_stale_reminder_at: null,
      created_at: now,
    });
    const session = await startSession(deps, trx, id);
    return { member: { id, name, headline }, ...session };
  });
}
