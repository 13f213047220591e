import { chunk } from '../chunk.js';
import type { Queryable, Trx, Dialect } from '../database.js';
import type { MemberSummary, WhoCanInvite } from '../../domain/members.js';
import type { EmailSetting, EmailSettings } from '../../domain/email.js';
import { settingsOf } from './emailContext.js';
import type { MemberRow, MemberUpdate, NewMember } from '../tables.js';

export const MEMBER_SUMMARY = ['id', 'name', 'headline'] as const;

export async function insertMember(db: Queryable, member: NewMember): Promise<void> {
  await db.insertInto('members').values(member).execute();
}

export async function findMemberById(db: Queryable, id: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets a member's name and/or headline (name_lower follows the name); returns the row after. */
export async function updateMemberProfile(
  db: Queryable,
  id: string,
  change: { name?: string; headline?: string },
): Promise<MemberRow | undefined> {
  const set: MemberUpdate = {};
  if (change.name !== undefined)
    Object.assign(set, { name: change.name, name_lower: change.name.toLowerCase() });
  if (change.headline !== undefined) set.headline = change.headline;
  if (Object.keys(set).length > 0) await db.updateTable('members').set(set).where('id', '=', id).execute();
  return findMemberById(db, id);
}

export async function findMemberByEmail(
  db: Queryable,
  emailNormalized: string,
): Promise<MemberRow | undefined> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('email_normalized', '=', emailNormalized)
    .executeTakeFirst();
}

export async function findMemberSummaries(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, MemberSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .select(MEMBER_SUMMARY)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Serializes concurrent changes that involve these members. On PostgreSQL it takes row locks in
 * id order (so two transactions can never wait on each other in a cycle); SQLite runs one write
 * transaction at a time already. Returns the ids that exist.
 */
export async function lockMembers(trx: Trx, dialect: Dialect, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)].sort();
  const found = new Set<string>();
  for (const part of chunk(unique, 1000)) {
    let query = trx.selectFrom('members').select('id').where('id', 'in', part).orderBy('id');
    if (dialect === 'postgres') query = query.forUpdate();
    for (const row of await query.execute()) found.add(row.id);
  }
  return found;
}

/**
 * lockMembers for the two or three members of a single action, returning their rows: one
 * statement where locking and then loading each took three.
 */
export async function lockAndLoadMembers(
  trx: Trx,
  dialect: Dialect,
  ids: readonly string[],
): Promise<Map<string, MemberRow>> {
  let query = trx
    .selectFrom('members')
    .selectAll()
    .where('id', 'in', [...new Set(ids)].sort())
    .orderBy('id');
  if (dialect === 'postgres') query = query.forUpdate();
  return new Map((await query.execute()).map((row) => [row.id, row]));
}

type Counter = 'connection_count' | 'pending_sent_count' | 'pending_received_count';

/** Moves a counter by delta for each listed member (ids may repeat: each occurrence counts). */
export async function adjustCounter(
  db: Queryable,
  counter: Counter,
  ids: readonly string[],
  delta: number,
): Promise<void> {
  if (ids.length === 0 || delta === 0) return;
  const perMember = new Map<string, number>();
  for (const id of ids) perMember.set(id, (perMember.get(id) ?? 0) + delta);
  const byDelta = new Map<number, string[]>();
  for (const [id, d] of perMember) byDelta.set(d, [...(byDelta.get(d) ?? []), id]);
  for (const [d, members] of byDelta) {
    for (const part of chunk(members)) {
      await db
        .updateTable('members')
        .set((eb) => ({ [counter]: eb(counter, '+', d) }))
        .where('id', 'in', part)
        .execute();
    }
  }
}

export interface InvitationSettings {
  whoCanInvite: WhoCanInvite;
  /** Pending invitations older than this are withdrawn by the sweep; null is off (the default). */
  autoWithdrawAfterDays: number | null;
  /** Which emails the member gets (N2); all on by default. */
  email: EmailSettings;
}

/** A change of settings: fields left out (also single email switches) keep their value. */
export type SettingsChange = Partial<Omit<InvitationSettings, 'email'>> & { email?: Partial<EmailSettings> };

export async function findInvitationSettings(
  db: Queryable,
  memberId: string,
): Promise<InvitationSettings | undefined> {
  const row = await db
    .selectFrom('members')
    .select([
      'who_can_invite',
      'auto_withdraw_after_days',
      'email_invitation_received',
      'email_invitation_accepted',
      'email_reminders',
    ])
    .where('id', '=', memberId)
    .executeTakeFirst();
  return (
    row && {
      whoCanInvite: row.who_can_invite,
      autoWithdrawAfterDays: row.auto_withdraw_after_days,
      email: settingsOf(row),
    }
  );
}

/** Changes the given settings of a member; fields left out keep their value. */
export async function updateInvitationSettings(
  db: Queryable,
  memberId: string,
  input: SettingsChange,
): Promise<void> {
  const changes: MemberUpdate = {};
  if (input.whoCanInvite !== undefined) changes.who_can_invite = input.whoCanInvite;
  if (input.autoWithdrawAfterDays !== undefined)
    changes.auto_withdraw_after_days = input.autoWithdrawAfterDays;
  Object.assign(changes, emailSettingColumns(input.email ?? {}));
  if (Object.keys(changes).length > 0) {
    await db.updateTable('members').set(changes).where('id', '=', memberId).execute();
  }
}

/** Members to add (an import), in batches. */
export async function insertMembers(db: Queryable, members: readonly NewMember[]): Promise<void> {
  for (const part of chunk(members)) await db.insertInto('members').values(part).execute();
}

/** Whether anyone has signed up yet. */
export async function anyMemberExists(db: Queryable): Promise<boolean> {
  return (await db.selectFrom('members').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The members registered with these normalized emails. */
export async function findMembersByEmails(
  db: Queryable,
  emailsNormalized: readonly string[],
): Promise<{ id: string; email_normalized: string }[]> {
  const found: { id: string; email_normalized: string }[] = [];
  for (const part of chunk(emailsNormalized)) {
    found.push(
      ...(await db
        .selectFrom('members')
        .select(['id', 'email_normalized'])
        .where('email_normalized', 'in', part)
        .execute()),
    );
  }
  return found;
}

/** Email and connection count of these members (read under lock by an import). */
export async function connectionCountsOf(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; email_normalized: string; connection_count: number }[]> {
  const rows: { id: string; email_normalized: string; connection_count: number }[] = [];
  for (const part of chunk(ids)) {
    rows.push(
      ...(await db
        .selectFrom('members')
        .select(['id', 'email_normalized', 'connection_count'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

export async function setPasswordHash(db: Queryable, memberId: string, passwordHash: string): Promise<void> {
  await db.updateTable('members').set({ password_hash: passwordHash }).where('id', '=', memberId).execute();
}

/** Deletes the member row itself; whatever points at it must be gone or settled first. */
export async function deleteMember(db: Queryable, memberId: string): Promise<void> {
  await db.deleteFrom('members').where('id', '=', memberId).execute();
}

/** The member columns of the email switches that `settings` names (N2). */
export function emailSettingColumns(settings: Partial<EmailSettings>): MemberUpdate {
  const columns: MemberUpdate = {};
  if (settings.invitationReceived !== undefined)
    columns.email_invitation_received = settings.invitationReceived ? 1 : 0;
  if (settings.invitationAccepted !== undefined)
    columns.email_invitation_accepted = settings.invitationAccepted ? 1 : 0;
  if (settings.reminders !== undefined) columns.email_reminders = settings.reminders ? 1 : 0;
  return columns;
}

/** Switches one kind of email off for a member; false when there is no such member. */
export async function switchOffEmail(
  db: Queryable,
  memberId: string,
  setting: EmailSetting,
): Promise<boolean> {
  const updated = await db
    .updateTable('members')
    .set(emailSettingColumns({ [setting]: false }))
    .where('id', '=', memberId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
