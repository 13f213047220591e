/**
 * The mail worker (N2): sends the outbox's due emails, re-checking at the moment of sending that
 * what each says is still true (src/domain/email.ts), and dropping for good those that are not.
 *
 * Safe on many processes: rows are claimed with a lease (storage/repositories/outbox.ts), each
 * by one worker. A row is removed only after the mail server accepted it, so a worker killed in
 * between leaves it to be sent again once the lease runs out — at most once more, with the same
 * Message-ID. A refusal the server may get over is retried with backoff for up to a day; a 5xx
 * for one address fails that email alone.
 *
 * Per claimed batch, not per email: the re-check reads every row's facts in one statement, read
 * again for the rows left whenever that reading is older than `recheckMaxAgeMs` when a send
 * starts; and the rows done are removed by group commit — one transaction for all the rows whose
 * sends ended while the previous one ran. A lane waits for its row's removal before it takes the
 * next, so what a kill can repeat is still at most one email per connection.
 */
import { DAY } from '../domain/time.js';
import { inTransaction, type Deps } from '../commands/deps.js';
import { decideEmail, GIVE_UP_AFTER_MS, nextReminder, retryDelayMs, settingFor } from '../domain/email.js';
import { ttlCutoff } from '../domain/invitations.js';
import { composeEmail } from '../email/compose.js';
import {
  isPermanentRefusal,
  mailboxTransport,
  smtpTransport,
  type MailTransport,
} from '../email/transport.js';
import { unsubscribeSecret } from '../email/unsubscribeSecret.js';
import { unsubscribeToken } from '../security/unsubscribeTokens.js';
import { loadEmailContexts, type EmailContext } from '../storage/repositories/emailContext.js';
import {
  claimDueEmails,
  deleteOutboxRows,
  failOutboxRow,
  insertOutboxRows,
  rescheduleOutboxRow,
} from '../storage/repositories/outbox.js';
import { newId } from '../storage/ids.js';
import type { NewOutboxRow, OutboxRow } from '../storage/tables.js';

export interface MailWorkerOptions {
  transport: MailTransport;
  /** Where links in emails point. */
  publicUrl: string;
  /** Rows claimed at once. */
  batchSize?: number;
  /**
   * How old the re-check's reading may be when a send starts (ms): older, and the facts of the
   * batch's rows not yet sent are read again first. 0 reads them again before every send.
   */
  recheckMaxAgeMs?: number;
  log?: WorkerLog;
}

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface MailRunReport {
  sent: number;
  dropped: number;
  retried: number;
  failed: number;
}

export interface MailWorker {
  /** Sends (or drops) every email due now, batch after batch; resolves when none is left. */
  runOnce(): Promise<MailRunReport>;
}

type Outcome = keyof MailRunReport;

const silent: WorkerLog = { info() {}, warn() {}, error() {}, debug() {} };

/** Half a second: far below the grace period, far above the time a batch's statement takes. */
export const RECHECK_MAX_AGE_MS = 500;

/** The longest a finished row waits for the other lanes' to be removed with them. */
const GROUP_WAIT_MS = 50;

export function createMailWorker(deps: Deps, options: MailWorkerOptions): MailWorker {
  const batchSize = options.batchSize ?? 50;
  const recheckMaxAgeMs = options.recheckMaxAgeMs ?? RECHECK_MAX_AGE_MS;
  const log = options.log ?? silent;
  const { config } = deps;
  const policy = { invitationTtlDays: config.invitationTtlDays };

  /**
   * Group commit of finished rows (sent or dropped): each is removed, with the reminder that
   * follows it queued, in one transaction with the rows of the other lanes. The transaction
   * starts once every lane holding a row waits on it (a lane whose row was retried or failed
   * holds none), or GROUP_WAIT_MS after the first one did, so the lanes finish together rather
   * than a transaction each.
   */
  function createRecorder() {
    type Entry = { row: OutboxRow; next: NewOutboxRow | null; done: (error?: unknown) => void };
    let waiting: Entry[] = [];
    let flushing = false;
    let busy = 0;
    let timer: NodeJS.Timeout | null = null;
    const flush = async (entries: Entry[]): Promise<void> => {
      try {
        await inTransaction(deps, async (trx) => {
          await deleteOutboxRows(
            trx,
            entries.map((e) => e.row),
          );
          await insertOutboxRows(
            trx,
            entries.flatMap((e) => (e.next ? [e.next] : [])),
          );
        });
        for (const e of entries) e.done();
      } catch (error) {
        for (const e of entries) e.done(error);
      }
    };
    const maybeFlush = (late = false) => {
      if (flushing || waiting.length === 0) return;
      if (waiting.length < busy && !late) {
        // A lane held up by a slow send holds up the others' removal no longer than this.
        timer ??= setTimeout(() => {
          timer = null;
          maybeFlush(true);
        }, GROUP_WAIT_MS);
        return;
      }
      if (timer) clearTimeout(timer);
      timer = null;
      const entries = waiting;
      waiting = [];
      flushing = true;
      void flush(entries).finally(() => {
        flushing = false;
        maybeFlush();
      });
    };
    return {
      /** A lane took a row. */
      take: () => {
        busy += 1;
      },
      /** A lane is done with its row, whatever became of it. */
      release: () => {
        busy -= 1;
        maybeFlush();
      },
      finish: (row: OutboxRow, next: { step: number; dueAt: number } | null): Promise<void> =>
        new Promise<void>((resolve, reject) => {
          waiting.push({
            row,
            next: next && {
              id: newId(),
              member_id: row.member_id,
              kind: 'invitation_reminder',
              actor_id: row.actor_id,
              invitation_id: row.invitation_id,
              notification_id: null,
              step: next.step,
              due_at: next.dueAt,
              first_due_at: next.dueAt,
              last_error: null,
              created_at: deps.clock.now(),
            },
            done: (error) => (error === undefined ? resolve() : reject(error as Error)),
          });
          maybeFlush();
        }),
    };
  }

  /**
   * The re-check's readings for one batch: a row is decided on a reading that started at most
   * recheckMaxAgeMs before the row was taken for sending (0: after), else all the rows not yet
   * taken are read again, in one statement.
   */
  function createRecheck() {
    type Reading = { startedAt: number; covers: Set<string>; done: Promise<Map<string, EmailContext>> };
    let current: Reading | null = null;
    const read = (rows: readonly OutboxRow[]): Reading => {
      const now = deps.clock.now();
      const reading: Reading = {
        startedAt: performance.now(),
        covers: new Set(rows.map((r) => r.id)),
        done: loadEmailContexts(deps.db, rows, {
          staleCutoff: now - config.staleReminderDays * DAY,
          ttlCutoff: ttlCutoff(now, config.invitationTtlDays),
        }),
      };
      reading.done.catch(() => {
        if (current === reading) current = null;
      });
      return reading;
    };
    /** The row's facts, or undefined when the row is gone from the outbox (with its account). */
    return async (row: OutboxRow, notYetTaken: readonly OutboxRow[]): Promise<EmailContext | undefined> => {
      const takenAt = performance.now();
      let reading = current;
      if (!reading || reading.startedAt < takenAt - recheckMaxAgeMs || !reading.covers.has(row.id)) {
        reading = current = read([row, ...notYetTaken]);
      }
      return (await reading.done).get(row.id);
    };
  }

  const gone: EmailContext = {
    facts: {
      kind: 'invitation_received',
      member: null,
      actorExists: false,
      actorSuspended: false,
      invitation: null,
      notification: null,
      blockedEitherWay: false,
      connected: false,
      stalePending: 0,
    },
    to: null,
    actor: null,
    note: null,
  };

  async function processRow(
    row: OutboxRow,
    context: EmailContext,
    finish: (row: OutboxRow, next: { step: number; dueAt: number } | null) => Promise<void>,
  ): Promise<Outcome> {
    const now = deps.clock.now();
    const decision = decideEmail(context.facts, now, policy);
    const next = nextReminder(context.facts, row.step, config.emailReminderDays, now, policy);
    if (!decision.send) {
      await finish(row, next);
      log.debug({ email: row.id, kind: row.kind, reason: decision.reason }, 'email dropped');
      return 'dropped';
    }
    const email = await composeEmail(row, context, {
      publicUrl: options.publicUrl,
      mailFrom: config.mailFrom,
      emailNote: config.emailNote,
      staleReminderDays: config.staleReminderDays,
      now,
      unsubscribeToken: unsubscribeToken(await unsubscribeSecret(deps), row.member_id, settingFor(row.kind)),
    });
    try {
      await options.transport.send(email);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isPermanentRefusal(error) || now - row.first_due_at >= GIVE_UP_AFTER_MS) {
        await failOutboxRow(deps.db, row, message);
        log.warn({ email: row.id, kind: row.kind, err: message }, 'email failed for good');
        return 'failed';
      }
      await rescheduleOutboxRow(deps.db, row, now + retryDelayMs(row.attempts), message);
      log.warn({ email: row.id, attempts: row.attempts, err: message }, 'email not sent; will retry');
      return 'retried';
    }
    await finish(row, next);
    return 'sent';
  }

  return {
    runOnce: async () => {
      const report: MailRunReport = { sent: 0, dropped: 0, retried: 0, failed: 0 };
      for (;;) {
        const now = deps.clock.now();
        const rows = await claimDueEmails(
          deps.db,
          deps.dialect,
          now,
          config.emailLeaseSeconds * 1000,
          batchSize,
        );
        if (rows.length === 0) break;
        const recheck = createRecheck();
        const recorder = createRecorder();
        // As many in flight as the transport carries at once.
        const queue = [...rows];
        const lanes = Array.from(
          { length: Math.min(options.transport.concurrency, rows.length) },
          async () => {
            for (let row = queue.shift(); row; row = queue.shift()) {
              let outcome: Outcome;
              recorder.take();
              try {
                const context = (await recheck(row, queue)) ?? {
                  ...gone,
                  facts: { ...gone.facts, kind: row.kind },
                };
                outcome = await processRow(row, context, recorder.finish);
              } catch (error) {
                // A database hiccup: the row stays claimed and is tried again after its lease.
                log.error({ err: error, email: row.id }, 'email could not be processed');
                outcome = 'retried';
              } finally {
                recorder.release();
              }
              report[outcome] += 1;
              deps.metrics.countEmails(outcome);
            }
          },
        );
        await Promise.all(lanes);
        if (rows.length < batchSize) break;
      }
      return report;
    },
  };
}

/**
 * Runs the worker every `pollMs` (a run never overlaps the previous one), so an email leaves
 * within about that long of its due time. A failure is logged, never fatal.
 */
export function startMailWorker(
  deps: Deps,
  options: MailWorkerOptions & { pollMs?: number },
): { stop(): Promise<void> } {
  const worker = createMailWorker(deps, options);
  const pollMs = options.pollMs ?? 1000;
  const log = options.log ?? silent;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    timer = null;
    running = worker
      .runOnce()
      .then(
        (report) => {
          if (report.sent + report.dropped + report.retried + report.failed > 0)
            log.info({ email: report }, 'mail worker run');
        },
        (err: unknown) => log.error({ err }, 'mail worker failed; trying again shortly'),
      )
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      options.transport.close();
    },
  };
}

/**
 * The mail worker of a serving process (N2, one of runtime's BACKGROUND_JOBS): to the mail server
 * of RAPPORT_SMTP_URL, or, without one, into .eml files under RAPPORT_MAIL_DIR. Every process runs
 * one; rows are claimed, so each email leaves from one of them.
 */
export function startEmailDelivery(deps: Deps, publicUrl: string, log: WorkerLog): { stop(): Promise<void> } {
  const { config } = deps;
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : mailboxTransport(config.mailDir);
  return startMailWorker(deps, { transport, publicUrl, log });
}
