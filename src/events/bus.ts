import { EventEmitter } from 'node:events';

/**
 * What a member's open pages learn live. Payloads are ids only: the stream loads and presents
 * what they point at when it delivers, so an event can never carry more than the member may see,
 * and a notification deleted meanwhile (a withdrawal racing delivery) is simply not sent.
 */
export type LiveEvent =
  | { type: 'notification'; memberId: string; notificationId: string }
  | { type: 'notification_removed'; memberId: string; notificationId: string }
  | { type: 'invitation_removed'; memberId: string; invitationId: string }
  | { type: 'sessions_ended'; memberId: string; sessions: EndedSessions };

/**
 * Which of a member's sessions ended, by the SHA-256 of their tokens (what the sessions table
 * holds; never the tokens): `only` those (logout), or every one `allBut` the one that asked
 * (a password change), or all of them (`allBut: null`: deletion, sign out everywhere, suspension).
 */
export type EndedSessions = { only: string[] } | { allBut: string | null };

/**
 * The event that closes the open live streams of sessions that ended, on every process. Emit it
 * through the EventSink of the transaction that deleted the sessions, so it goes out once that
 * transaction has committed.
 */
export function sessionsEnded(memberId: string, sessions: EndedSessions): LiveEvent {
  return { type: 'sessions_ended', memberId, sessions };
}

/** Whether a session (by its token's hash) is one of those that ended. */
export function sessionHasEnded(sessions: EndedSessions, tokenHash: string): boolean {
  return 'only' in sessions ? sessions.only.includes(tokenHash) : sessions.allBut !== tokenHash;
}

export type LiveListener = (event: LiveEvent) => void;

export interface EventBus {
  publish(events: readonly LiveEvent[]): void;
  subscribe(memberId: string, listener: LiveListener): () => void;
  /** Number of open subscriptions in this process, for /metrics. */
  subscriberCount(): number;
  close(): Promise<void>;
}

/** The bus for one process (SQLite deployments). */
export class InProcessBus implements EventBus {
  private readonly emitter = new EventEmitter();
  private subscribers = 0;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(events: readonly LiveEvent[]): void {
    for (const event of events) this.emitter.emit(event.memberId, event);
  }

  subscribe(memberId: string, listener: LiveListener): () => void {
    this.emitter.on(memberId, listener);
    this.subscribers++;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.subscribers--;
      this.emitter.off(memberId, listener);
    };
  }

  subscriberCount(): number {
    return this.subscribers;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
