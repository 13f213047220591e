/**
 * Trust and safety under concurrency, through app.inject: on PostgreSQL the requests run on
 * separate pooled connections at once (real interleavings); on SQLite one writer at a time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setModerator } from '../../src/commands/setModerator.js';
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
      .select(['dont_know', 'invitation_reports'])
      .where('member_id', '=', sender.id)
      .execute();
    expect(standing).toEqual([{ dont_know: 6, invitation_reports: 6 }]);
  });
});

describe('M4 races', () => {
  it('a suspension and a send in flight, to or from the member, in either order: no invitation is left behind', async () => {
    const mo = await t.signUp('Mo');
    await setModerator(t.deps, { email: mo.email, moderator: true });
    const orders = new Set<string>();
    for (let round = 0; round < 80 && orders.size < 4; round++) {
      const [sam, other] = [await t.signUp(`Sam ${round}`), await t.signUp(`Other ${round}`)];
      const samSends = round % 2 === 0;
      const send = () =>
        samSends
          ? t.api('POST', '/invitations', sam, { recipientId: other.id })
          : t.api('POST', '/invitations', other, { recipientId: sam.id });
      const suspend = () => t.api('POST', `/admin/members/${sam.id}/suspend`, mo, { reason: 'race' });
      // The send starts some turns of the event loop after the suspension (more each round), so
      // the two meet at every point of each other's way: both orders happen on either database.
      const turns = Math.floor(round / 2);
      const suspending = suspend();
      for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
      const [sent, suspended] = await Promise.all([send(), suspending]);
      expect(suspended.statusCode, suspended.body).toBe(204);
      // The send either committed first (and the suspension ended it) or found Sam gone.
      expect([201, samSends ? 401 : 404], sent.body).toContain(sent.statusCode);
      orders.add(
        `${samSends ? 'from' : 'to'} ${sent.statusCode === 201 ? 'send first' : 'suspension first'}`,
      );
      const pending = await t.deps.db
        .selectFrom('invitations')
        .select('id')
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('sender_id', '=', sam.id), eb('recipient_id', '=', sam.id)]))
        .execute();
      expect(pending).toEqual([]);
      const counters = await t.deps.db
        .selectFrom('members')
        .select(['pending_sent_count', 'pending_received_count'])
        .where('id', 'in', [sam.id, other.id])
        .execute();
      expect(counters).toEqual([
        { pending_sent_count: 0, pending_received_count: 0 },
        { pending_sent_count: 0, pending_received_count: 0 },
      ]);
      expect(((await t.api('GET', '/invitations/received', other)).json().items as unknown[]).length).toBe(0);
    }
    expect([...orders].sort()).toEqual([
      'from send first',
      'from suspension first',
      'to send first',
      'to suspension first',
    ]);
  });
});
