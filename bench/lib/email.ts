/**
 * The email benchmarks (N2): the outbox's sending rate to a local SMTP sink, against raw
 * nodemailer sending the very same messages to the same sink in the same run, and the switches
 * that turn a send's outbox row off (for the send-invitation comparison in run.ts).
 */
import { once } from 'node:events';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/config.js';
import { importNetwork } from '../../src/commands/importNetwork.js';
import { sendInvitation } from '../../src/commands/sendInvitation.js';
import { smtpTransport } from '../../src/email/transport.js';
import { createMailWorker } from '../../src/jobs/mailWorker.js';
import { openRuntime } from '../../src/runtime.js';
import { makeDue, pendingOutboxRows } from '../../src/storage/repositories/outbox.js';
import type { Db } from '../../src/storage/database.js';
import { freePort } from './processes.js';

interface Sink {
  url: string;
  /** Every message as received: envelope and raw bytes. */
  received: { from: string; to: string[]; raw: Buffer }[];
  close(): Promise<void>;
}

/** An SMTP server on loopback that accepts everything and keeps it. */
async function startSink(): Promise<Sink> {
  const received: Sink['received'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface EmailThroughput {
  emails: number;
  /** Emails per second through the outbox (claim, re-check, compose, send, delete). */
  outboxRate: number;
  /** The same messages per second, sent by raw nodemailer over the same kind of pool. */
  rawRate: number;
}

/**
 * `count` new-invitation emails, made due at once, sent by the mail worker to the sink; then the
 * messages the sink received, sent again by nodemailer alone (same pool size, same sink).
 */
/** Emails each path sends untimed before the timed batch. */
const WARM_UP = 200;

export async function emailThroughput(databaseUrl: string, count: number): Promise<EmailThroughput> {
  const config = {
    ...loadConfig({}),
    databaseUrl,
    invitesPerDay: 10_000_000,
    invitesPerWeek: 10_000_000,
    maxPendingSent: 10_000_000,
    scryptLogN: 10,
  };
  const runtime = await openRuntime(config, { migrate: false });
  const sink = await startSink();
  const transport = smtpTransport(sink.url);
  try {
    const { deps } = runtime;
    const tag = Date.now().toString(36);
    const emailOf = (i: number) => `mailbench-${tag}-${i}@example.test`;
    // Both paths first send the same untimed batch, so neither pays for cold connections, JIT or
    // caches inside the timed part (the outbox ran first and paid alone for all three).
    const total = WARM_UP + count;
    await importNetwork(deps, {
      members: Array.from({ length: total + 1 }, (_, i) => ({
        email: emailOf(i),
        password: 'correct horse battery',
        name: i === 0 ? 'Ada Lovelace' : `Recipient ${i}`,
      })),
    });
    const ids = await memberIds(
      deps.db,
      Array.from({ length: total + 1 }, (_, i) => emailOf(i)),
    );
    const [sender, ...recipients] = ids;
    for (const recipientId of recipients) {
      await sendInvitation(deps, { id: sender as string }, { recipientId });
    }
    const order = new Map(recipients.map((id, i) => [id, i]));
    const rows = (await pendingOutboxRows(deps.db, 'invitation_received'))
      .filter((r) => order.has(r.member_id))
      .sort((a, b) => (order.get(a.member_id) as number) - (order.get(b.member_id) as number));
    if (rows.length !== total) throw new Error(`expected ${total} outbox rows, found ${rows.length}`);

    const worker = createMailWorker(deps, { transport, publicUrl: 'http://127.0.0.1:3000' });
    const drain = async (n: number): Promise<number> => {
      let sent = 0;
      for (let tries = 0; sent < n && tries < 1000; tries++) sent += (await worker.runOnce()).sent;
      if (sent !== n) throw new Error(`the outbox sent ${sent} of ${n}`);
      return sent;
    };
    await makeDue(
      deps.db,
      rows.slice(0, WARM_UP).map((r) => r.id),
      Date.now(),
    );
    await drain(WARM_UP);
    const warmMessages = sink.received.splice(0);
    await makeDue(
      deps.db,
      rows.slice(WARM_UP).map((r) => r.id),
      Date.now(),
    );
    const started = performance.now();
    await drain(count);
    const outboxSeconds = (performance.now() - started) / 1000;

    const messages = sink.received.splice(0);
    const raw = nodemailer.createTransport({
      url: sink.url,
      pool: true,
      maxConnections: transport.concurrency,
    });
    const sendAll = async (batch: Sink['received']) => {
      const queue = [...batch];
      await Promise.all(
        Array.from({ length: transport.concurrency }, async () => {
          for (let m = queue.shift(); m; m = queue.shift()) {
            await raw.sendMail({ envelope: { from: m.from, to: m.to }, raw: m.raw });
          }
        }),
      );
    };
    await sendAll(warmMessages);
    sink.received.splice(0);
    const rawStarted = performance.now();
    await sendAll(messages);
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    raw.close();
    if (sink.received.length !== count) throw new Error(`raw nodemailer delivered ${sink.received.length}`);
    return { emails: count, outboxRate: count / outboxSeconds, rawRate: count / rawSeconds };
  } finally {
    transport.close();
    await sink.close();
    await runtime.close();
  }
}

async function memberIds(db: Db, emails: string[]): Promise<string[]> {
  const byEmail = new Map<string, string>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .selectFrom('members')
      .select(['id', 'email'])
      .where('email', 'in', emails.slice(i, i + 500))
      .execute();
    for (const r of rows) byEmail.set(r.email, r.id);
  }
  return emails.map((e) => byEmail.get(e) as string);
}

/** Turns every email of these members off (or back on): their invitations then queue no email. */
export async function setEmailSwitches(db: Db, memberIds: readonly string[], on: boolean): Promise<void> {
  const v = on ? 1 : 0;
  for (let i = 0; i < memberIds.length; i += 500) {
    await db
      .updateTable('members')
      .set({ email_invitation_received: v, email_invitation_accepted: v, email_reminders: v })
      .where('id', 'in', memberIds.slice(i, i + 500))
      .execute();
  }
}
