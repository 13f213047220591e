import { DomainError } from '../domain/errors.js';
import { normalizeText } from '../domain/note.js';
import { memberNames } from '../storage/memberNames.js';
import { updateMemberProfile } from '../storage/repositories/members.js';
import type { MemberRow } from '../storage/tables.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

export interface UpdateProfileInput {
  name?: string | undefined;
  headline?: string | undefined;
}

/**
 * A member edits their own name and headline (A5), with the hygiene signup applies: trimmed, no
 * control characters, a name of 1–100 characters and a headline of at most 200. Omitted fields
 * stay as they are.
 */
export async function updateProfile(deps: Deps, actor: Actor, input: UpdateProfileInput): Promise<MemberRow> {
  const change: { name?: string; headline?: string } = {};
  if (input.name !== undefined) change.name = normalizeText(input.name, '/name', { min: 1, max: 100 });
  if (input.headline !== undefined) {
    change.headline = normalizeText(input.headline, '/headline', { min: 0, max: 200 });
  }
  const member = await inTransaction(deps, async (trx) => {
    const updated = await updateMemberProfile(trx, actor.id, change);
    if (!updated) throw new DomainError('unauthorized', 'Your account no longer exists');
    return updated;
  });
  // Pages this process serves name the member afresh from now on (others within a minute).
  memberNames(deps.db).forget(actor.id);
  return member;
}
