import { sql } from 'kysely';
import type { Actor, Deps } from '../commands/deps.js';
import type { MemberSummary } from '../domain/members.js';
import { normalizeEmail } from '../domain/note.js';
import { containsPattern } from './support/containsPattern.js';

export type FoundMember = MemberSummary & { suspended: boolean };

/**
 * The console's member lookup (M4): an email address finds that member (its unique index); other
 * text finds members whose name contains it, as member search does. Suspended members included,
 * as moderators must find them to lift it. At most 20, by name.
 */
export async function findMembersForModerators(
  deps: Deps,
  _moderator: Actor,
  text: string,
): Promise<FoundMember[]> {
  const query = text.trim();
  const base = deps.db.selectFrom('members').select(['id', 'name', 'headline', 'suspended_at']);
  const rows = query.includes('@')
    ? await base.where('email_normalized', '=', normalizeEmail(query)).execute()
    : await base
        .where(
          sql<boolean>`${sql.ref('name_lower')} like ${containsPattern(query.toLowerCase())} escape '\\'`,
        )
        .orderBy('name_lower')
        .orderBy('id')
        .limit(20)
        .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    headline: r.headline,
    suspended: r.suspended_at !== null,
  }));
}
