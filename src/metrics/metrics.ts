import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A queue's job counts by BullMQ state, as /api/system/queues and the queue gauge give them. */
export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  failed: number;
  completed: number;
}

// BullMQ 6 has no 'paused' state: a paused queue's jobs stay 'waiting'.
export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'failed',
  'completed',
] as const;

/**
 * The Prometheus figures of one process (the API or the worker), in a registry of its own so that
 * two apps in one process (the e2e tests) never share or double-register a metric. Each process
 * fills what happens in it: the API its requests and the queues' depth, the worker its rounds,
 * both the e-mails they send.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private queueSource?: () => Promise<QueueCounts[]>;

  /** Read from Redis at each scrape (only where a source is set: the API). */
  readonly queueJobs = new Gauge({
    name: 'overstap_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed, …), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
    collect: async () => {
      if (!this.queueSource) return;
      this.queueJobs.reset();
      // Redis down: the series are left out of this scrape rather than failing it.
      const counts = await this.queueSource().catch(() => []);
      for (const q of counts)
        for (const state of QUEUE_STATES) this.queueJobs.set({ queue: q.name, state }, q[state]);
    },
  });

  readonly roundDuration = new Histogram({
    name: 'overstap_round_duration_seconds',
    help: 'Wall-clock time of a matching round, from start to finish (snapshot, engine, writing)',
    labelNames: ['dry_run'] as const,
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  readonly roundPlacedShare = new Gauge({
    name: 'overstap_round_placed_share',
    help: "Share of a region's pupils placed by its latest round (0-1)",
    labelNames: ['region_id', 'dry_run'] as const,
    registers: [this.registry],
  });

  readonly roundsFinished = new Counter({
    name: 'overstap_rounds_total',
    help: 'Matching round jobs finished, by outcome (completed, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly emailsSent = new Counter({
    name: 'overstap_emails_sent_total',
    help: 'E-mails handed to the mail transport',
    registers: [this.registry],
  });

  readonly emailsFailed = new Counter({
    name: 'overstap_emails_failed_total',
    help: 'E-mails the mail transport refused or could not deliver (an attempt; jobs retry)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the queue gauge reads its counts (the API sets it). */
  readQueuesFrom(source: () => Promise<QueueCounts[]>): void {
    this.queueSource = source;
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
