/** A test app with a mail worker sending to a real SMTP sink (see smtpSink.ts). */
import { smtpTransport, type MailTransport } from '../../src/email/transport.js';
import { createMailWorker, type MailWorker } from '../../src/jobs/mailWorker.js';
import { createTestApp, type TestApp } from './app.js';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtpSink.js';

export const PUBLIC_URL = 'http://rapport.test';
/** RAPPORT_EMAIL_DELAY_SECONDS' default, in ms. */
export const GRACE = 600_000;

export interface MailTestApp extends TestApp {
  sink: SmtpSink;
  worker: MailWorker;
  transport: MailTransport;
}

export async function createMailTestApp(
  options: Parameters<typeof createTestApp>[0] & { sink?: SmtpSinkOptions; smtpUrl?: string } = {},
): Promise<MailTestApp> {
  const t = await createTestApp(options);
  const sink = await startSmtpSink(options.sink);
  const transport = smtpTransport(options.smtpUrl ?? sink.url);
  const worker = createMailWorker(t.deps, { transport, publicUrl: PUBLIC_URL });
  return {
    ...t,
    sink,
    worker,
    transport,
    close: async () => {
      transport.close();
      await sink.close();
      await t.close();
    },
  };
}
