import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { runSweep } from '../../src/jobs/sweep.js';
import * as narrowOutbox from '../../src/storage/migrations/2026_12_04_0130_narrow_outbox.js';
import * as outboxByDue from '../../src/storage/migrations/2026_12_04_1930_outbox_by_due.js';
import { pendingOutboxRows } from '../../src/storage/repositories/outbox.js';
import type { TestMember } from '../helpers/app.js';
import { createMailTestApp, GRACE, type MailTestApp } from '../helpers/mail.js';

/**
 * N2: the migrations that narrow the outbox (no member foreign key, fewer index entries per row;
 * then on SQLite one B-tree clustered on its due time) keep every email still to send, both
 * ways, so an upgrade or a rollback loses none.
 */

let t: MailTestApp;
let ada: TestMember;
let bob: TestMember;

beforeEach(async () => {
  t = await createMailTestApp();
  ada = await t.signUp('Ada Lovelace');
  bob = await t.signUp('Bob Babbage');
});
afterEach(() => t.close());

describe('N2 narrowing the outbox', () => {
  it('rolled back and applied again, every queued email is still sent, once', async () => {
    const res = await t.api('POST', '/invitations', ada, { recipientId: bob.id });
    expect(res.statusCode).toBe(201);
    t.clock.advance(GRACE);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 1 });
    t.clock.advance(31 * DAY);
    await runSweep(t.deps);
    const before = await pendingOutboxRows(t.deps.db);
    expect(before.map((r) => r.kind).sort()).toEqual(['invitation_reminder', 'stale_invitations_reminder']);

    await outboxByDue.down(t.deps.db);
    expect(await pendingOutboxRows(t.deps.db)).toEqual(before);
    await narrowOutbox.down(t.deps.db);
    expect(await pendingOutboxRows(t.deps.db)).toEqual(before);
    await narrowOutbox.up(t.deps.db);
    expect(await pendingOutboxRows(t.deps.db)).toEqual(before);
    await outboxByDue.up(t.deps.db);
    expect(await pendingOutboxRows(t.deps.db)).toEqual(before);

    t.clock.advance(GRACE);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 2, dropped: 0 });
    await t.sink.waitFor(3);
    expect(t.sink.to(ada.email)).toHaveLength(1);
    expect(t.sink.to(bob.email)).toHaveLength(2);
    expect(await pendingOutboxRows(t.deps.db)).toEqual([]);
  });
});
