/**
 * Trust and safety under concurrency, through app.inject: on PostgreSQL the requests run on
 * separate pooled connections at once (real interleavings); on SQLite one writer at a time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, DAY, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { invitesPerDay: 1000, invitesPerWeek: 1000 } });
});
afterEach(() => t.close());

async function invite(from: TestMember, to: TestMember): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id });
  if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${res.body}`);
  return res.json().invitation.id as string;
}

describe('M3 races', () => {
  it('a sender reported and marked by many at once is restricted once', async () => {
    const sender = await t.signUp('Sender');
    const recipients: TestMember[] = [];
    for (let i = 0; i < 12; i++) recipients.push(await t.signUp(`R${i}`));
    const ids: string[] = [];
    for (const r of recipients) ids.push(await invite(sender, r));
    const start = t.clock.now();
    const answers = await Promise.all(
      recipients.map((r, i) =>
        i % 2 === 0
          ? t.api('POST', `/invitations/${ids[i]}/dont-know`, r)
          : t.api('POST', '/reports', r, { invitationId: ids[i], reason: 'spam' }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(6).fill(201), ...Array(6).fill(204)]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', sender.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['auto_restrict']);
    const row = await t.deps.db
      .selectFrom('members')
      .select(['restricted_until'])
      .where('id', '=', sender.id)
      .executeTakeFirstOrThrow();
    expect(row.restricted_until).toBe(start + 14 * DAY);
    const standing = await t.deps.db
      .selectFrom('standing_days')
      .select(['dont_know', 'invitation_reports', 'sent'])
      .where('member_id', '=', sender.id)
      .execute();
    expect(standing).toEqual([{ dont_know: 6, invitation_reports: 6, sent: 12 }]);
  });
});
