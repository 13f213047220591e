/**
 * The email oracle (issue 12 item 4): a member who asks for their email address before accepting
 * invitations must not have it found out by guessing, one 403 at a time. Wrong guesses are
 * counted per sender and per sender → recipient (RAPPORT_EMAIL_GUESSES_PER_DAY,
 * RAPPORT_EMAIL_GUESSES_PER_RECIPIENT, over 24 hours); past a limit every guess is answered
 * `429 rate_limited`, the right one too, so the answer tells nothing about it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../src/domain/time.js';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';
import { snapshotDatabase, snapshotDiff } from '../helpers/dbSnapshot.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({
    config: { invitesPerDay: 1000, invitesPerWeek: 1000, emailGuessesPerDay: 5, emailGuessesPerRecipient: 3 },
  });
});
afterEach(() => t.close());

async function guarded(name: string): Promise<TestMember> {
  const member = await t.signUp(name);
  expect((await t.api('PATCH', '/settings', member, { whoCanInvite: 'email_required' })).statusCode).toBe(
    200,
  );
  return member;
}

const send = (from: TestMember, to: TestMember, recipientEmail?: string) =>
  t.api('POST', '/invitations', from, { recipientId: to.id, ...(recipientEmail ? { recipientEmail } : {}) });

describe('email oracle: wrong recipientEmail guesses are throttled', () => {
  it('per recipient: past the limit the right address is answered exactly like a wrong one, with Retry-After', async () => {
    const [eve, ada] = [await t.signUp('Eve'), await guarded('Ada')];
    for (let i = 0; i < 3; i++) {
      expectProblem(await send(eve, ada, `guess${i}@example.test`), 403, 'invitations_restricted');
    }
    const before = await snapshotDatabase(t.deps.db);
    const right = await send(eve, ada, ada.email);
    const wrong = await send(eve, ada, 'guess9@example.test');
    expectProblem(right, 429, 'rate_limited');
    expect(right.body).toBe(wrong.body);
    expect(right.headers['retry-after']).toBe(wrong.headers['retry-after']);
    expect(Number(right.headers['retry-after'])).toBe(DAY / 1000);
    // Throttled guesses change nothing, so they do not push the wait further either.
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    // Leaving out the email is no guess: still the plain 403.
    expectProblem(await send(eve, ada), 403, 'invitations_restricted');

    t.clock.advance(DAY);
    expect((await send(eve, ada, ada.email)).statusCode).toBe(201);
  });

  it('per sender: guesses spread over many members add up; other senders and sends that need no email go on', async () => {
    const eve = await t.signUp('Eve');
    const targets = [];
    for (let i = 0; i < 6; i++) targets.push(await guarded(`Target ${i}`));
    for (let i = 0; i < 5; i++) {
      expectProblem(await send(eve, targets[i]!, 'someone@example.test'), 403, 'invitations_restricted');
      t.clock.advance(HOUR);
    }
    // Target 5 was never guessed at: the sender's own limit answers.
    const throttled = await send(eve, targets[5]!, targets[5]!.email);
    expectProblem(throttled, 429, 'rate_limited');
    // The wait ends when the oldest guess is a day old: 19 hours after the fifth.
    expect(Number(throttled.headers['retry-after'])).toBe((DAY - 5 * HOUR) / 1000);
    expect((await send(eve, await t.signUp('Open'), 'whatever@example.test')).statusCode).toBe(201);
    expect((await send(await t.signUp('Bob'), targets[5]!, targets[5]!.email)).statusCode).toBe(201);

    t.clock.advance(DAY - 5 * HOUR);
    expect((await send(eve, targets[5]!, targets[5]!.email)).statusCode).toBe(201);
  });

  it('M1 M3 the "don\'t know" mark and a restricted sender are throttled alike', async () => {
    const [eve, ada, bob] = [await t.signUp('Eve'), await t.signUp('Ada'), await t.signUp('Bob')];
    const first = (await send(eve, ada)).json().invitation.id as string;
    expect((await t.api('POST', `/invitations/${first}/dont-know`, ada)).statusCode).toBe(204);
    expect((await t.api('POST', `/invitations/${first}/withdraw`, eve)).statusCode).toBe(204);
    for (let i = 0; i < 3; i++) {
      expectProblem(await send(eve, ada, `guess${i}@example.test`), 403, 'invitations_restricted');
    }
    expectProblem(await send(eve, ada, ada.email), 429, 'rate_limited');

    await t.deps.db
      .updateTable('members')
      .set({ restricted_until: t.clock.now() + 14 * DAY })
      .where('id', '=', eve.id)
      .execute();
    expectProblem(await send(eve, bob), 403, 'sender_restricted');
    expectProblem(await send(eve, bob, 'guess@example.test'), 403, 'invitations_restricted');
    // Four wrong guesses in all so far; the fifth reaches the sender's limit.
    expectProblem(await send(eve, bob, 'guess2@example.test'), 403, 'invitations_restricted');
    expectProblem(await send(eve, bob, bob.email), 429, 'rate_limited');
  });

  it('the guesses are remembered in storage, and go with the account', async () => {
    const [eve, ada] = [await t.signUp('Eve'), await guarded('Ada')];
    expectProblem(await send(eve, ada, 'guess@example.test'), 403, 'invitations_restricted');
    const rows = () => t.deps.db.selectFrom('email_guesses').selectAll().execute();
    expect(await rows()).toEqual([
      expect.objectContaining({ sender_id: eve.id, recipient_id: ada.id, at: t.clock.now() }),
    ]);
    expect((await t.api('DELETE', '/me', eve, { password: eve.password })).statusCode).toBe(204);
    expect(await rows()).toEqual([]);
  });
});
