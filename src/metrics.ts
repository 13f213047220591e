import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance (its own registry, so tests can build many apps). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'rapport_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route', 'method'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly invitations = new Counter({
    name: 'rapport_invitations_total',
    help: 'Invitation events by kind (sent, withdrawn, accepted, ignored, expired)',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  readonly sweeps = new Counter({
    name: 'rapport_sweep_runs_total',
    help: 'Sweep runs',
    registers: [this.registry],
  });
  readonly emails = new Counter({
    name: 'rapport_emails_total',
    help: 'Emails by outcome: sent, dropped (no longer true at sending), retried, failed (given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly liveStreams = new Gauge({
    name: 'rapport_live_streams_open',
    help: 'Open server-sent event streams',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
    // Shown at 0 from the start, so an operator can alert on failed emails before the first one.
    for (const outcome of ['sent', 'dropped', 'retried', 'failed'] as const) this.emails.inc({ outcome }, 0);
  }

  countEmails(outcome: 'sent' | 'dropped' | 'retried' | 'failed', n = 1): void {
    if (n > 0) this.emails.inc({ outcome }, n);
  }

  countInvitations(event: 'sent' | 'withdrawn' | 'accepted' | 'ignored' | 'expired', n = 1): void {
    if (n > 0) this.invitations.inc({ event }, n);
  }
}
