/**
 * A real SMTP server for tests (the `smtp-server` package on a loopback port), whose received
 * messages are parsed with `mailparser` exactly as a mail client would read them.
 */
import { once } from 'node:events';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './serverProcess.js';

export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSinkOptions {
  /** A fixed port (to come up where a server was down); a free one otherwise. */
  port?: number;
  /** Recipients answered with `550 No such user`: a permanent refusal for that address. */
  refuse?: (address: string) => boolean;
  /** Delay before accepting each message, to keep a worker mid-batch. */
  delayMs?: number;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves once `count` messages have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Messages whose envelope went to this address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Clients a test left connected (a pooled transport) do not hold up its end.
    closeTimeout: 200,
    logger: false,
    // Accept any AUTH (smtp://user:pass@… URLs authenticate against it).
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'user' }),
    onRcptTo: (address, _session, callback) => {
      if (options.refuse?.(address.address)) {
        const error = Object.assign(new Error('No such user'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const finish = () =>
          simpleParser(raw).then(
            (parsed) => {
              messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
              for (const w of waiters) w();
              callback();
            },
            (err: Error) => callback(err),
          );
        if (options.delayMs) setTimeout(finish, options.delayMs);
        else void finish();
      });
    },
  });
  // A client that dies mid-session (a worker killed by a test) resets its connection: that is
  // what such a test does on purpose, not a failure of the sink.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET') throw error;
  });
  const port = options.port ?? (await freePort());
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    waitFor: (count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(messages);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} emails, got ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The one-click address of an email's List-Unsubscribe header (unfolded), as a client reads it. */
export function unsubscribeUrlOf(mail: ReceivedMail): string {
  const header = mail.raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const match = /^List-Unsubscribe:\s*<([^>]+)>\s*$/im.exec(header);
  if (!match?.[1]) throw new Error(`no List-Unsubscribe header in:\n${header}`);
  return match[1];
}
