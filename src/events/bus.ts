import { EventEmitter } from 'node:events';

/**
 * What a member's open pages learn live. Payloads are ids only: the stream loads and presents
 * what they point at when it delivers, so an event can never carry more than the member may see,
 * and a notification deleted meanwhile (a withdrawal racing delivery) is simply not sent.
 */
export type LiveEvent =
  | { type: 'notification'; memberId: string; notificationId: string }
  | { type: 'notification_removed'; memberId: string; notificationId: string }
  | { type: 'invitation_removed'; memberId: string; invitationId: string };

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
