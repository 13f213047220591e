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
 */
export async function inTransaction<T>(
  deps: Deps,
  work: (trx: Trx, events: EventSink) => Promise<T>,
): Promise<T> {
  const pending: LiveEvent[] = [];
  const result = await deps.db.transaction().execute((trx) => work(trx, { emit: (e) => pending.push(e) }));
  if (pending.length > 0) deps.bus.publish(pending);
  return result;
}
