import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../src/clock.js';
import { smtpTransport, type MailTransport } from '../../src/email/transport.js';
import { createMailWorker } from '../../src/jobs/mailWorker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createMailTestApp, GRACE, PUBLIC_URL, type MailTestApp } from '../helpers/mail.js';
import { freePort } from '../helpers/serverProcess.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.js';

/**
 * N2 failure: a mail server that is down or refuses delays email, with retries and backoff for
 * up to a day, then the email is marked failed and counted in /metrics. The request that queued
 * it never notices. A permanent refusal for one address holds up nobody else.
 */

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function metric(t: TestApp, outcome: string): Promise<number> {
  const text = (await t.api('GET', '/metrics', null)).body;
  const match = new RegExp(`^rapport_emails_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text);
  return Number(match?.[1] ?? NaN);
}

describe('N2 mail server down', () => {
  it('down, then up: the invitation is sent at once, the email delivered once when the server is back', async () => {
    const port = await freePort();
    const t = await createTestApp();
    closers.push(() => t.close());
    const transport: MailTransport = smtpTransport(`smtp://127.0.0.1:${port}`);
    closers.push(() => transport.close());
    const worker = createMailWorker(t.deps, { transport, publicUrl: PUBLIC_URL });
    const ada = await t.signUp('Ada Lovelace');
    const bob = await t.signUp('Bob Babbage');
    const started = Date.now();
    expect((await t.api('POST', '/invitations', ada, { recipientId: bob.id })).statusCode).toBe(201);
    expect(Date.now() - started).toBeLessThan(2000);
    t.clock.advance(GRACE);
    expect(await worker.runOnce()).toMatchObject({ sent: 0, retried: 1 });
    // Backoff: not tried again straight away.
    expect(await worker.runOnce()).toMatchObject({ sent: 0, retried: 0 });
    t.clock.advance(10_000);
    expect(await worker.runOnce()).toMatchObject({ retried: 1 });

    const sink: SmtpSink = await startSmtpSink({ port });
    closers.push(() => sink.close());
    t.clock.advance(20_000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    t.clock.advance(HOUR);
    expect(await worker.runOnce()).toMatchObject({ sent: 0, retried: 0 });
    expect(sink.to(bob.email)).toHaveLength(1);
    expect(await metric(t, 'retried')).toBe(2);
    expect(await metric(t, 'failed')).toBe(0);
  });

  it('down for a day: marked failed and counted in /metrics, never sent later', async () => {
    const port = await freePort();
    const t = await createTestApp();
    closers.push(() => t.close());
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    closers.push(() => transport.close());
    const worker = createMailWorker(t.deps, { transport, publicUrl: PUBLIC_URL });
    const ada = await t.signUp('Ada Lovelace');
    const bob = await t.signUp('Bob Babbage');
    await t.api('POST', '/invitations', ada, { recipientId: bob.id });
    t.clock.advance(GRACE);
    let tries = 0;
    for (let hour = 0; hour <= 25; hour++) {
      const report = await worker.runOnce();
      tries += report.retried + report.failed;
      t.clock.advance(HOUR);
    }
    // 10 s, 20 s, 40 s, … then hourly: far fewer tries than polls, and a final failure.
    expect(tries).toBeGreaterThan(5);
    expect(tries).toBeLessThan(40);
    expect(await metric(t, 'failed')).toBe(1);
    const sink = await startSmtpSink({ port });
    closers.push(() => sink.close());
    t.clock.advance(HOUR);
    expect(await worker.runOnce()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(sink.messages).toEqual([]);
  });
});

describe('N2 permanent refusal', () => {
  it('a 5xx for one address fails that email alone; the others go in the same run', async () => {
    let t: MailTestApp | null = null;
    t = await createMailTestApp({ sink: { refuse: (address) => address.startsWith('bounce') } });
    closers.push(() => t.close());
    const ada = await t.signUp('Ada Lovelace');
    const bounce = await t.signUp('Bounce Back', { email: 'bounce@example.test' });
    const others = [await t.signUp('Cy Young'), await t.signUp('Dee Dee')];
    await t.api('POST', '/invitations', ada, { recipientId: bounce.id });
    for (const o of others) await t.api('POST', '/invitations', ada, { recipientId: o.id });
    t.clock.advance(GRACE);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 2, failed: 1, retried: 0 });
    expect(t.sink.messages.flatMap((m) => m.to).sort()).toEqual(others.map((o) => o.email).sort());
    expect(await metric(t, 'failed')).toBe(1);
    t.clock.advance(HOUR);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 0, failed: 0, retried: 0 });
  });
});
