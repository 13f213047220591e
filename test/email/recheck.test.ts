import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { runSweep } from '../../src/jobs/sweep.js';
import { setSuspendedAt } from '../../src/storage/repositories/moderation.js';
import { pendingOutboxRows } from '../../src/storage/repositories/outbox.js';
import type { TestMember } from '../helpers/app.js';
import { createMailWorker } from '../../src/jobs/mailWorker.js';
import { createMailTestApp, GRACE, PUBLIC_URL, type MailTestApp } from '../helpers/mail.js';

/**
 * N2: the worker re-checks at the moment of sending. Whatever made an email untrue before its
 * due time — a withdrawal, an ignore, a block, a deleted account, the notification read in the
 * app, the switch turned off — it is dropped for good and the mail server never hears of it.
 * The marker that the worker did run past the due time: an email to someone else, queued at the
 * same time, arrives in the same run.
 */

let t: MailTestApp;
let ada: TestMember;
let bob: TestMember;
let marker: TestMember;

beforeEach(async () => {
  t = await createMailTestApp();
  ada = await t.signUp('Ada Lovelace');
  bob = await t.signUp('Bob Babbage');
  marker = await t.signUp('Mark Marker');
});
afterEach(() => t.close());

async function send(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  expect(res.statusCode).toBe(201);
  return res.json().invitation.id as string;
}

/** Ada invites Bob (and, as the marker, Mark); `before` happens; then the grace period passes. */
async function scenario(
  before: (invitationId: string) => Promise<unknown>,
  expected: { dropped: number; over: boolean } = { dropped: 1, over: true },
): Promise<void> {
  const id = await send(ada, bob, 'A private note');
  await send(ada, marker);
  t.clock.advance(GRACE / 2);
  await before(id);
  t.clock.advance(GRACE);
  const report = await t.worker.runOnce();
  await t.sink.waitFor(1);
  expect(t.sink.to(marker.email)).toHaveLength(1);
  expect(report).toMatchObject({ sent: 1, dropped: expected.dropped });
  expect(t.sink.to(bob.email)).toEqual([]);
  if (!expected.over) return;
  // The invitation is over for Bob: long after, reminders included, nothing for him, ever.
  t.clock.advance(30 * DAY);
  await t.worker.runOnce();
  expect(t.sink.to(bob.email)).toEqual([]);
  expect(t.sink.messages.map((m) => m.raw).join('\n')).not.toContain(bob.email);
  expect(
    await pendingOutboxRows(t.deps.db).then((rows) => rows.filter((r) => r.member_id === bob.id)),
  ).toEqual([]);
}

describe('N2 re-check at sending: never sent when no longer true', () => {
  it('withdrawn within the grace period', () =>
    scenario(async (id) =>
      expect((await t.api('POST', `/invitations/${id}/withdraw`, ada)).statusCode).toBe(204),
    ));

  it('ignored', () =>
    scenario(async (id) =>
      expect((await t.api('POST', `/invitations/${id}/ignore`, bob)).statusCode).toBe(204),
    ));

  it('blocked by the recipient', () =>
    scenario(async () =>
      expect((await t.api('POST', '/blocks', bob, { memberId: ada.id })).statusCode).toBe(204),
    ));

  it('blocked by the sender', () =>
    scenario(async () =>
      expect((await t.api('POST', '/blocks', ada, { memberId: bob.id })).statusCode).toBe(204),
    ));

  it('the recipient deleted their account (the email went with it)', () =>
    scenario(
      async () =>
        expect((await t.api('DELETE', '/me', bob, { password: bob.password })).statusCode).toBe(204),
      { dropped: 0, over: true },
    ));

  it('N2 account deletion removes every email still to send the member, those about no invitation too', async () => {
    await send(ada, bob);
    t.clock.advance(31 * DAY);
    await runSweep(t.deps);
    const queuedForAda = await pendingOutboxRows(t.deps.db, 'stale_invitations_reminder');
    expect(queuedForAda.map((r) => [r.member_id, r.invitation_id])).toEqual([[ada.id, null]]);
    expect((await t.api('DELETE', '/me', ada, { password: ada.password })).statusCode).toBe(204);
    expect((await pendingOutboxRows(t.deps.db)).filter((r) => r.member_id === ada.id)).toEqual([]);
    await send(bob, marker);
    t.clock.advance(GRACE);
    await t.worker.runOnce();
    await t.sink.waitFor(1);
    expect(t.sink.to(marker.email)).toHaveLength(1);
    expect(t.sink.to(ada.email)).toEqual([]);
  });

  // Still waiting for Bob's answer: the reminders may come (see below).
  it('read in the app', () =>
    scenario(
      async () =>
        expect((await t.api('POST', '/notifications/read', bob, { all: true })).statusCode).toBe(204),
      { dropped: 1, over: false },
    ));

  it('the recipient switched new-invitation emails off', () =>
    scenario(
      async () =>
        expect(
          (await t.api('PATCH', '/settings', bob, { email: { invitationReceived: false } })).statusCode,
        ).toBe(200),
      { dropped: 1, over: false },
    ));

  it('the recipient switched new-invitation emails and reminders off: nothing, ever', async () => {
    await t.api('PATCH', '/settings', bob, { email: { invitationReceived: false, reminders: false } });
    await send(ada, bob);
    await send(ada, marker);
    for (let day = 0; day < 30; day++) {
      t.clock.advance(DAY);
      await t.worker.runOnce();
    }
    expect(t.sink.to(marker.email).length).toBeGreaterThan(0);
    expect(t.sink.to(bob.email)).toEqual([]);
  });

  // M4: a suspended member reads as deleted. Suspended here through the column moderation sets
  // (storage/repositories/moderation.ts), whichever command sets it.
  it('the recipient was suspended', () =>
    scenario(() => setSuspendedAt(t.deps.db, bob.id, t.clock.now()), { dropped: 1, over: false }));

  it('the sender was suspended: the marker is then to Mark from someone else', async () => {
    const cy = await t.signUp('Cy Young');
    await send(ada, bob);
    await send(cy, marker);
    t.clock.advance(GRACE / 2);
    await setSuspendedAt(t.deps.db, ada.id, t.clock.now());
    t.clock.advance(GRACE);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 1, dropped: 1 });
    await t.sink.waitFor(1);
    expect(t.sink.to(marker.email)).toHaveLength(1);
    expect(t.sink.to(bob.email)).toEqual([]);
  });

  it('the sender deleted their account: the marker is then to Bob from someone else', async () => {
    const cy = await t.signUp('Cy Young');
    await send(ada, bob);
    await send(cy, marker);
    t.clock.advance(GRACE / 2);
    expect((await t.api('DELETE', '/me', ada, { password: ada.password })).statusCode).toBe(204);
    // Nothing queued about her is kept either, not only nothing sent.
    expect((await pendingOutboxRows(t.deps.db)).filter((r) => r.actor_id === ada.id)).toEqual([]);
    t.clock.advance(GRACE);
    await t.worker.runOnce();
    await t.sink.waitFor(1);
    expect(t.sink.to(marker.email)).toHaveLength(1);
    t.clock.advance(30 * DAY);
    await t.worker.runOnce();
    expect(t.sink.to(bob.email)).toEqual([]);
  });
});

describe('N2 reminders', () => {
  it('stop after a withdrawal: the first email went, the reminders never do', async () => {
    const id = await send(ada, bob);
    t.clock.advance(GRACE);
    await t.worker.runOnce();
    expect(t.sink.to(bob.email)).toHaveLength(1);
    t.clock.advance(3 * DAY);
    await t.api('POST', `/invitations/${id}/withdraw`, ada);
    await send(ada, marker);
    t.clock.advance(30 * DAY);
    const report = await t.worker.runOnce();
    expect(report).toMatchObject({ dropped: 1 });
    expect(t.sink.to(marker.email)).toHaveLength(1);
    expect(t.sink.to(bob.email)).toHaveLength(1);
  });

  it('come even when the first email was already seen in the app, and stop on accept', async () => {
    const id = await send(ada, bob);
    await t.api('POST', '/notifications/read', bob, { all: true });
    t.clock.advance(GRACE);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 0, dropped: 1 });
    t.clock.advance(7 * DAY);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 1 });
    expect(t.sink.to(bob.email).map((m) => m.parsed.subject)).toEqual([
      'Ada Lovelace is waiting for your answer',
    ]);
    await t.api('POST', `/invitations/${id}/accept`, bob);
    t.clock.advance(14 * DAY);
    await t.worker.runOnce();
    // Ada hears of the acceptance; Bob gets no second reminder.
    expect(t.sink.to(bob.email)).toHaveLength(1);
    expect(t.sink.to(ada.email).map((m) => m.parsed.subject)).toEqual([
      'Bob Babbage accepted your invitation',
    ]);
  });

  it('stop when the invitation expires', async () => {
    await t.close();
    t = await createMailTestApp({ config: { invitationTtlDays: 10 } });
    ada = await t.signUp('Ada Lovelace');
    bob = await t.signUp('Bob Babbage');
    await send(ada, bob);
    t.clock.advance(GRACE);
    await t.worker.runOnce();
    t.clock.advance(11 * DAY);
    await runSweep(t.deps);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 0, dropped: 1 });
    expect(t.sink.to(bob.email)).toHaveLength(1);
  });
});

describe('N2 accepted: re-checked too', () => {
  it('not sent when the connection was removed, or the sender saw it in the app', async () => {
    const cy = await t.signUp('Cy Young');
    const one = await send(ada, bob);
    const two = await send(ada, cy);
    await t.api('POST', '/notifications/read', bob, { all: true });
    await t.api('POST', '/notifications/read', cy, { all: true });
    await t.api('POST', `/invitations/${one}/accept`, bob);
    await t.api('POST', `/invitations/${two}/accept`, cy);
    expect((await t.api('DELETE', `/connections/${ada.id}`, bob)).statusCode).toBe(204);
    const mark = await send(marker, cy);
    await t.api('POST', '/notifications/read', ada, { all: true });
    void mark;
    t.clock.advance(GRACE);
    const report = await t.worker.runOnce();
    expect(t.sink.to(cy.email)).toHaveLength(1);
    expect(report).toMatchObject({ sent: 1, dropped: 4 });
    expect(t.sink.to(ada.email)).toEqual([]);
  });
});

describe('N2 re-check per batch', () => {
  it('one claimed batch: the rows no longer true are dropped, every other one is sent', async () => {
    const others = [
      marker,
      await t.signUp('Cy Young'),
      await t.signUp('Dee Dee'),
      await t.signUp('Eve Evans'),
    ];
    const withdrawn = await send(ada, bob);
    for (const o of others) await send(ada, o);
    const blocker = await t.signUp('Flo Block');
    await send(ada, blocker);
    t.clock.advance(GRACE / 2);
    expect((await t.api('POST', `/invitations/${withdrawn}/withdraw`, ada)).statusCode).toBe(204);
    expect((await t.api('POST', '/blocks', blocker, { memberId: ada.id })).statusCode).toBe(204);
    t.clock.advance(GRACE);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 4, dropped: 2 });
    expect(t.sink.messages.flatMap((m) => m.to).sort()).toEqual(others.map((o) => o.email).sort());
    // Each sent row was replaced by its first reminder; the dropped ones left nothing.
    const left = await pendingOutboxRows(t.deps.db);
    expect(left.map((r) => [r.kind, r.member_id]).sort()).toEqual(
      others.map((o) => ['invitation_reminder', o.id]).sort(),
    );
  });

  it('what changes while the batch is being sent is seen by the rows sent after it', async () => {
    const cy = await t.signUp('Cy Young');
    await send(ada, marker);
    const late = await send(ada, bob);
    await send(ada, cy);
    t.clock.advance(GRACE);
    // One connection, and facts read again before every send: Bob's invitation is withdrawn
    // while the first email of the batch is on its way.
    let first = true;
    const transport = {
      concurrency: 1,
      close: () => t.transport.close(),
      send: async (email: Parameters<typeof t.transport.send>[0]) => {
        if (first) {
          first = false;
          expect((await t.api('POST', `/invitations/${late}/withdraw`, ada)).statusCode).toBe(204);
        }
        await t.transport.send(email);
      },
    };
    const worker = createMailWorker(t.deps, { transport, publicUrl: PUBLIC_URL, recheckMaxAgeMs: 0 });
    expect(await worker.runOnce()).toMatchObject({ sent: 2, dropped: 1 });
    expect(t.sink.messages.flatMap((m) => m.to).sort()).toEqual([marker.email, cy.email].sort());
  });
});
