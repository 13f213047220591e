import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { EventBus, LiveEvent } from '../events/bus.js';
import type { Metrics } from '../metrics.js';
import type { Db, Dialect, Trx } from '../storage/database.js';

/** What every use case may use; passed explicitly, never imported as a singleton. */
export interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  bus: EventBus;
  metrics: Metrics;
}

export interface Actor {
  id: string;
}

/** Collects live events inside a transaction; they are published only after it commits. */
export interface EventSink {
  emit(event: LiveEvent): void;
}

/**
 * Runs a use case in one transaction. Events it emits reach the bus only once the transaction
 * has committed, so a rolled-back change is never announced.
 *
 * On PostgreSQL a transaction the server aborted as a deadlock victim or a serialization failure
 * changed nothing, so it is run again from the start (a few times, after a short random pause)
 * rather than surfacing as a 500. Lock order (lockMembers) keeps deadlocks out of the use cases;
 * this is the net under it.
 */
export async function inTransaction<T>(
  deps: Deps,
  work: (trx: Trx, events: EventSink) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const pending: LiveEvent[] = [];
    try {
      const result = await deps.db
        .transaction()
        .execute((trx) => work(trx, { emit: (e) => pending.push(e) }));
      if (pending.length > 0) deps.bus.publish(pending);
      return result;
    } catch (error) {
      if (deps.dialect !== 'postgres' || attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

const MAX_ATTEMPTS = 4;
/** serialization_failure, deadlock_detected: PostgreSQL rolled the transaction back whole. */
const RETRYABLE = new Set(['40001', '40P01']);

function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code))
  );
}
