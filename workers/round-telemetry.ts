import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { JobName } from '../src/jobs/jobs.types';
import { jobBindings } from '../src/logging/job-context';
import { Metrics } from '../src/metrics/metrics';
import { RoundsProcessor } from '../src/rounds/rounds.processor';

interface RoundFigures {
  status: string;
  dry_run: boolean;
  region_id: string;
  duration_ms: number | null;
  finished_at: Date | null;
  pupils: number | null;
  placed: number | null;
  engine_ms: number | null;
}

/**
 * The worker's account of each round: a line when it starts, at each step of its progress and
 * when it ends, with its figures (counts, never names), and the round metrics (duration, placed
 * share, outcome). It listens to the rounds worker's events, so the processor stays as it is.
 */
@Injectable()
export class RoundTelemetry implements OnModuleInit {
  /** When each round job became active: a finish before it was an earlier attempt's. */
  private readonly activeSince = new Map<string, number>();

  constructor(
    private readonly processor: RoundsProcessor,
    @InjectDataSource() private readonly db: DataSource,
    private readonly metrics: Metrics,
    // Injected so that the root logger exists (nestjs-pino builds it with the first PinoLogger).
    _pino: PinoLogger,
  ) {}

  /**
   * The root logger, not the job's context: 'progress' fires inside the job (whose bindings
   * would repeat the ids below), 'active' and 'completed' outside it; every line names its ids.
   */
  private logger!: Logger;

  onModuleInit(): void {
    this.logger = PinoLogger.root.child({ context: 'Rounds' });
    // @nestjs/bullmq has made the worker in its own (earlier) onModuleInit.
    const worker = this.processor.worker;
    worker.on('active', (job) => this.isRound(job) && this.started(job));
    worker.on('progress', (job, progress) => {
      if (this.isRound(job))
        this.logger.info(
          { ...this.ids(job), progress },
          `round ${this.roundId(job)} at ${String(progress)}%`,
        );
    });
    worker.on('completed', (job) => {
      if (this.isRound(job)) void this.completed(job).catch(() => undefined);
    });
    worker.on('failed', (job) => {
      if (job && this.isRound(job)) this.failed(job);
    });
  }

  private isRound(job: Job): boolean {
    return job.name === JobName.RunRound;
  }

  private roundId(job: Job): string {
    return String((job.data as { roundId?: unknown }).roundId);
  }

  private ids(job: Job) {
    return { ...jobBindings(job), roundId: this.roundId(job) };
  }

  private started(job: Job): void {
    this.activeSince.set(String(job.id), Date.now());
    const attempt = job.attemptsMade + 1;
    this.logger.info(
      { ...this.ids(job), attempt },
      `round ${this.roundId(job)} started (attempt ${attempt})`,
    );
  }

  private async completed(job: Job): Promise<void> {
    const since = this.activeSince.get(String(job.id)) ?? 0;
    this.activeSince.delete(String(job.id));
    const [r]: RoundFigures[] = await this.db.query(
      `select status, dry_run, region_id, finished_at,
              round(extract(epoch from finished_at - started_at) * 1000)::int as duration_ms,
              (report->>'pupils')::int as pupils, (report->>'placed')::int as placed,
              (report->>'engineMs')::int as engine_ms
         from matching_rounds where id = $1`,
      [this.roundId(job)],
    );
    // A job that found its round cancelled, or already written by an earlier attempt.
    if (
      !r ||
      r.status !== 'completed' ||
      !r.finished_at ||
      r.finished_at.getTime() < since - 1000
    ) {
      this.logger.info(
        { ...this.ids(job), status: r?.status ?? 'missing' },
        `round ${this.roundId(job)} job ended; nothing to run (${r?.status ?? 'missing'})`,
      );
      return;
    }
    const share = r.pupils ? (r.placed ?? 0) / r.pupils : 0;
    const dryRun = String(r.dry_run);
    if (r.duration_ms !== null)
      this.metrics.roundDuration.observe({ dry_run: dryRun }, r.duration_ms / 1000);
    this.metrics.roundPlacedShare.set({ region_id: r.region_id, dry_run: dryRun }, share);
    this.metrics.roundsFinished.inc({ outcome: 'completed' });
    this.logger.info(
      {
        ...this.ids(job),
        dryRun: r.dry_run,
        pupils: r.pupils,
        placed: r.placed,
        placedShare: Math.round(share * 10000) / 10000,
        durationMs: r.duration_ms,
        engineMs: r.engine_ms,
      },
      `round ${this.roundId(job)} completed: ${r.placed ?? 0} of ${r.pupils ?? 0} pupils placed ` +
        `(${(share * 100).toFixed(1)} %) in ${r.duration_ms ?? '?'} ms`,
    );
  }

  /** Each failed attempt is logged by RoundsProcessor; the last one ends the round. */
  private failed(job: Job): void {
    this.activeSince.delete(String(job.id));
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts) return;
    this.metrics.roundsFinished.inc({ outcome: 'failed' });
    this.logger.warn(
      { ...this.ids(job), attempts: job.attemptsMade },
      `round ${this.roundId(job)} failed after ${job.attemptsMade} attempts`,
    );
  }
}
