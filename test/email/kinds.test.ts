import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { smtpTransport, type MailTransport } from '../../src/email/transport.js';
import { createMailWorker, type MailWorker } from '../../src/jobs/mailWorker.js';
import { runSweep } from '../../src/jobs/sweep.js';
import { createTestApp, type TestApp, type TestMember } from '../helpers/app.js';
import { startSmtpSink, unsubscribeUrlOf, type ReceivedMail, type SmtpSink } from '../helpers/smtpSink.js';

/**
 * N2: every kind of email reaches a real SMTP server after the grace period, multipart with a
 * text and an HTML part, from RAPPORT_MAIL_FROM, with a stable Message-ID and RFC 8058
 * List-Unsubscribe headers; and says what it should (and not the note, unless opted in).
 */

const PUBLIC = 'http://rapport.test';
const GRACE = 600_000;

let t: TestApp;
let sink: SmtpSink;
let transport: MailTransport;
let worker: MailWorker;
let ada: TestMember;
let bob: TestMember;

async function setUp(config: Parameters<typeof createTestApp>[0] = {}) {
  t = await createTestApp(config);
  sink = await startSmtpSink();
  transport = smtpTransport(sink.url);
  worker = createMailWorker(t.deps, { transport, publicUrl: PUBLIC });
  ada = await t.signUp('Ada Lovelace', { headline: 'Analyst at the Engine' });
  bob = await t.signUp('Bob Babbage', { headline: 'Engineer' });
}

afterEach(async () => {
  transport.close();
  await sink.close();
  await t.close();
});

function expectWellFormed(mail: ReceivedMail, to: TestMember): void {
  const m = mail.parsed;
  expect(mail.to).toEqual([to.email]);
  expect(m.from?.value).toEqual([{ name: 'Rapport', address: 'no-reply@localhost' }]);
  expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/im);
  expect(m.text?.length).toBeGreaterThan(20);
  expect(m.html).toMatch(/<h1[\s>]/);
  expect(m.messageId).toMatch(/^<[0-9a-f-]+@localhost>$/);
  expect(unsubscribeUrlOf(mail)).toMatch(
    /^http:\/\/rapport\.test\/api\/v1\/email\/unsubscribe\?token=[\w.%-]+$/,
  );
  expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
}

async function send(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  expect(res.statusCode).toBe(201);
  return res.json().invitation.id as string;
}

describe('N2 kinds', () => {
  beforeEach(() => setUp());

  it('a new invitation: nothing during the grace period, then one email naming the sender, without the note', async () => {
    await send(ada, bob, 'A note only Bob should read in the app');
    t.clock.advance(GRACE - 1000);
    expect(await worker.runOnce()).toMatchObject({ sent: 0, dropped: 0 });
    t.clock.advance(1000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const [mail] = await sink.waitFor(1);
    expectWellFormed(mail!, bob);
    const m = mail!.parsed;
    expect(m.subject).toBe('Ada Lovelace wants to connect');
    for (const part of [m.text ?? '', m.html || '']) {
      expect(part).toContain('Ada Lovelace');
      expect(part).toContain('Analyst at the Engine');
      expect(part).toContain(`${PUBLIC}/mynetwork/invitation-manager/received`);
      expect(part).not.toContain('A note only Bob');
    }
    expect(m.html).toMatch(/<img[^>]+alt="Rapport"/);
    expect(m.html).toContain('prefers-color-scheme: dark');
    // Sent once: the row is gone.
    t.clock.advance(GRACE);
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    expect(sink.messages).toHaveLength(1);
  });

  it('an accepted invitation tells its sender', async () => {
    const id = await send(ada, bob);
    t.clock.advance(GRACE);
    await worker.runOnce();
    expect((await t.api('POST', `/invitations/${id}/accept`, bob)).statusCode).toBe(200);
    t.clock.advance(GRACE);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const mails = sink.to(ada.email);
    expect(mails).toHaveLength(1);
    expectWellFormed(mails[0]!, ada);
    expect(mails[0]!.parsed.subject).toBe('Bob Babbage accepted your invitation');
    expect(mails[0]!.parsed.text).toContain(`${PUBLIC}/in/${bob.id}`);
  });

  it('two reminders about an invitation still waiting, at 7 and 21 days, then no more', async () => {
    await send(ada, bob);
    t.clock.advance(GRACE);
    await worker.runOnce();
    t.clock.advance(7 * DAY - GRACE - 1000);
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    t.clock.advance(1000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    t.clock.advance(14 * DAY);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    t.clock.advance(60 * DAY);
    expect(await worker.runOnce()).toMatchObject({ sent: 0, dropped: 0 });
    const subjects = sink.to(bob.email).map((m) => m.parsed.subject);
    expect(subjects).toEqual([
      'Ada Lovelace wants to connect',
      'Ada Lovelace is waiting for your answer',
      'Still waiting: Ada Lovelace wants to connect',
    ]);
    for (const m of sink.to(bob.email)) expectWellFormed(m, bob);
    expect(sink.to(bob.email)[1]!.parsed.text).toContain('7 days ago');
    expect(sink.to(bob.email)[2]!.parsed.text).toContain('3 weeks ago');
  });

  it('a reminder day already past when the first email leaves is skipped, not sent right behind it', async () => {
    await send(ada, bob);
    // The mail server was out of reach for 8 days: the first email leaves then.
    t.clock.advance(8 * DAY);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(await worker.runOnce()).toMatchObject({ sent: 0, dropped: 0 });
    t.clock.advance(13 * DAY - 1000);
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    t.clock.advance(1000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(sink.to(bob.email).map((m) => m.parsed.subject)).toEqual([
      'Ada Lovelace wants to connect',
      'Still waiting: Ada Lovelace wants to connect',
    ]);
  });

  it("the senders' stale-review reminder, at most weekly", async () => {
    const cy = await t.signUp('Cy Young');
    await send(ada, cy);
    // Cy reads it in the app: no email for the invitation, and Cy turns reminders off.
    await t.api('POST', '/notifications/read', cy, { all: true });
    await t.api('PATCH', '/settings', cy, { email: { reminders: false } });
    t.clock.advance(31 * DAY);
    await runSweep(t.deps);
    t.clock.advance(GRACE);
    await worker.runOnce();
    await runSweep(t.deps);
    t.clock.advance(GRACE);
    await worker.runOnce();
    const mails = sink.to(ada.email);
    expect(mails.map((m) => m.parsed.subject)).toEqual([
      '1 invitation you sent has been waiting for over 30 days',
    ]);
    expectWellFormed(mails[0]!, ada);
    expect(mails[0]!.parsed.text).toContain(`${PUBLIC}/mynetwork/invitation-manager/sent`);
    expect(sink.to(cy.email)).toEqual([]);
    t.clock.advance(7 * DAY);
    await runSweep(t.deps);
    t.clock.advance(GRACE);
    await worker.runOnce();
    expect(sink.to(ada.email)).toHaveLength(2);
  });

  it('the same Message-ID is never used for two emails, and each is derived from its outbox row', async () => {
    await send(ada, bob);
    const cy = await t.signUp('Cy Young');
    await send(ada, cy);
    t.clock.advance(GRACE);
    await worker.runOnce();
    const ids = (await sink.waitFor(2)).map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('N2 RAPPORT_EMAIL_NOTE=1', () => {
  beforeEach(() => setUp({ config: { emailNote: true, mailFrom: 'Rapport <hello@rapport.test>' } }));

  it('quotes the note, escaped in the HTML part, and sends from RAPPORT_MAIL_FROM', async () => {
    await send(ada, bob, 'Loved your <talk> & "notes"');
    t.clock.advance(GRACE);
    await worker.runOnce();
    const [mail] = await sink.waitFor(1);
    expect(mail!.parsed.from?.value).toEqual([{ name: 'Rapport', address: 'hello@rapport.test' }]);
    expect(mail!.parsed.messageId).toMatch(/@rapport\.test>$/);
    expect(mail!.parsed.text).toContain('Loved your <talk> & "notes"');
    expect(mail!.parsed.html).toContain('Loved your &lt;talk&gt; &amp; &quot;notes&quot;');
  });
});
