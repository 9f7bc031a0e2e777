import { ConflictException, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { randomBytes } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { AccessService, requestListScope } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Page, PageQuery } from '../common/pagination';
import { JobsService } from '../jobs/jobs.service';
import { JobName, QUEUE_OF } from '../jobs/jobs.types';
import { createExplainer, match, MatchInput, MatchOutput, Mechanism } from '../matching';
import { amsterdamInstant } from '../seasons/amsterdam-time';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { SeasonsService } from '../seasons/seasons.service';
import { dutchLongDate } from '../transfer-requests/entry-window';
import { buildEngineInput, buildReport, canonicalJson, sha256 } from './engine-input';
import { MatchingRound } from './round.entity';
import { storedJson } from './stored-json';
import { RoundHooks } from './round-hooks';
import { RoundCounts, RoundsRepository } from './rounds.repository';
import { reserveForRound } from '../offers/places';
import { setStatusByRound } from '../transfer-requests/lifecycle';

const UNIQUE_VIOLATION = '23505';
const isUnique = (e: unknown) =>
  e instanceof QueryFailedError && (e as unknown as { code?: string }).code === UNIQUE_VIOLATION;

/** A round's job id: fixed, so adding its job twice adds it once. */
export const roundJobId = (roundId: string) => `round-${roundId}`;

export interface RoundView {
  id: string;
  seasonId: string;
  status: MatchingRound['status'];
  dryRun: boolean;
  mechanism: string;
  progress: number;
  seedHash: string;
  /** Revealed only once the round has run, so nobody can choose it after seeing the data. */
  seed: string | null;
  inputHash: string | null;
  scheduledFor: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Wall-clock time from start to finish (snapshot, engine, writing), once finished. */
  durationMs: number | null;
  /** The matching engine's own part of it, once the round has run. */
  engineMs: number | null;
  error: string | null;
  counts: { proposals: number; pending: number; accepted: number; declined: number };
  report: unknown;
}

@Injectable()
export class RoundsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly rounds: RoundsRepository,
    private readonly seasons: SeasonsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly hooks: RoundHooks,
    private readonly calendars: SchoolCalendarService,
    private readonly access: AccessService,
  ) {}

  /**
   * Starts a round now. A second active round in the season is refused by a unique index: 409.
   * With Redis unreachable the answer is 503 within 2 s and no round is left behind: 503 means
   * nothing will run.
   */
  async start(
    user: AuthUser,
    seasonId: string,
    opts: { dryRun: boolean; mechanism: Mechanism },
  ): Promise<RoundView> {
    const season = await this.seasons.get(user, seasonId);
    // Most outages are seen here, before anything is written.
    await this.jobs.ensureAvailable();
    const seed = randomBytes(16).toString('hex');
    let round: MatchingRound;
    try {
      round = await this.rounds.insertQueued({
        regionId: user.regionId,
        seasonId: season.id,
        dryRun: opts.dryRun,
        mechanism: opts.mechanism,
        seed,
        seedHash: sha256(seed),
        createdBy: user.id,
      });
    } catch (e) {
      if (isUnique(e))
        throw new ConflictException('Er loopt al een matchingsronde voor dit seizoen');
      throw e;
    }
    // The answer shows the round as made (queued); a worker may take it up the moment it is queued.
    let view = await this.view(user, round.id);
    try {
      await this.enqueue(round.id);
    } catch (e) {
      // A round a worker's reconciliation already took up runs, so it is answered as started.
      if ((await this.withdrawUnstarted([round.id], 'queued')).length) throw e;
      view = await this.view(user, round.id);
    }
    await this.audit.record(user, {
      entity: 'matching_round',
      entityId: round.id,
      action: opts.dryRun ? 'start.dry-run' : 'start',
    });
    return view;
  }

  /** Schedules a round on every round date of the season still ahead (idempotent). */
  async schedule(
    user: AuthUser,
    seasonId: string,
    mechanism: Mechanism,
  ): Promise<{ items: RoundView[]; warning: string | null }> {
    const season = await this.seasons.get(user, seasonId);
    await this.jobs.ensureAvailable();
    const now = Date.now();
    const today = todayIso();
    const beforeSummer = season.roundDates.filter(
      (d) => d > today && d < season.summerHolidayStart,
    );
    const warning = beforeSummer.length
      ? null
      : `Er staat na vandaag geen ronde meer gepland vóór de zomervakantie (${dutchLongDate(season.summerHolidayStart)}): leerlingen zonder plaats krijgen dan geen tweede kans in een ronde. Voeg een vervolgronde toe aan de kalender van het seizoen, bijvoorbeeld 3 schooldagen na de vorige ronde.`;
    const ids: string[] = [];
    const added: string[] = [];
    try {
      for (const date of season.roundDates) {
        const at = amsterdamInstant(date);
        if (at.getTime() <= now) continue;
        const seed = randomBytes(16).toString('hex');
        const { id, added: isNew } = await this.rounds.insertScheduled({
          regionId: user.regionId,
          seasonId: season.id,
          mechanism,
          seed,
          seedHash: sha256(seed),
          at,
          createdBy: user.id,
        });
        if (isNew) added.push(id);
        ids.push(id);
        await this.enqueue(id, at.getTime() - now);
      }
    } catch (e) {
      // Rounds scheduled before this request stay (the worker's reconciliation keeps their jobs).
      await this.withdrawUnstarted(added, 'scheduled');
      throw e;
    }
    await this.audit.record(user, {
      entity: 'season',
      entityId: season.id,
      action: 'rounds.schedule',
    });
    return { items: await Promise.all(ids.map((id) => this.view(user, id))), warning };
  }

  /** Puts the job on the queue; the round id is the job id, so adding twice is harmless. */
  async enqueue(roundId: string, delay = 0): Promise<void> {
    await this.jobs.enqueue(
      JobName.RunRound,
      { roundId },
      { jobId: roundJobId(roundId), delay: Math.max(0, delay), attempts: 5 },
    );
  }

  /**
   * Deletes rounds of a refused request that no worker has started yet; returns the ids deleted.
   * A job that was added after all finds no round and does nothing.
   */
  private async withdrawUnstarted(
    ids: string[],
    status: 'queued' | 'scheduled',
  ): Promise<string[]> {
    if (!ids.length) return [];
    return this.rounds.deleteUnstarted(ids, status);
  }

  /**
   * The worker's reconciliation (RoundReconciler, at start and periodically): every round that
   * should run (scheduled, queued, or running when its worker or Redis went away) and has no job
   * under its fixed id gets one again, delayed to its time when scheduled; e.g. after Redis lost
   * its data. A round whose job BullMQ gave up on without the round hearing of it is marked
   * failed. Running a round twice writes nothing twice (see execute), so a race is harmless.
   */
  async reconcile(): Promise<{ requeued: string[]; failed: string[] }> {
    const rows = await this.rounds.active();
    const requeued: string[] = [];
    const failed: string[] = [];
    for (const r of rows) {
      const job = await this.jobs.findJob(QUEUE_OF[JobName.RunRound], roundJobId(r.id));
      if (!job) {
        await this.enqueue(r.id, r.scheduledFor ? r.scheduledFor.getTime() - Date.now() : 0);
        requeued.push(r.id);
      } else if ((await job.getState()) === 'failed') {
        await this.markFailed(r.id, job.failedReason || 'job failed');
        failed.push(r.id);
      }
    }
    return { requeued, failed };
  }

  /**
   * The worker's part. Snapshot, engine and writing all happen in one transaction, with the
   * requests and offers locked: a kill at any moment leaves the round fully written or not at
   * all, and a retry finds the round completed and writes nothing.
   */
  async execute(
    roundId: string,
    progress: (pct: number) => Promise<void> = async () => undefined,
  ): Promise<void> {
    const round = await this.rounds.withSeed(roundId);
    if (!round || ['failed', 'cancelled'].includes(round.status)) return;
    if (round.status === 'completed') {
      // A retry after the commit: notices (deduplicated) or deadline jobs may still be missing.
      if (!round.dryRun) await this.hooks.afterCommit(round);
      return;
    }
    if (round.status === 'scheduled') {
      // Raises a unique violation while another round runs; the job retries with backoff.
      await this.rounds.queueScheduled(round.id);
    }
    await this.rounds.markRunning(round.id);
    await progress(5);
    const region = await this.rounds.region(round.regionId);
    const responseDays = await this.rounds.responseSchoolDays(round.seasonId);
    const calendar = await this.calendars.forRegion(round.regionId);

    try {
      await this.txHost.withTransaction({ isolationLevel: 'READ COMMITTED' }, async () => {
        // Serialises attempts at the same round without locking its row, which progress updates
        // (on another connection) must still be able to write.
        if ((await this.rounds.lockAttempt(round.id)) !== 'running') return;
        await this.rounds.tuneForWholeSeason();
        const { requests, offers } = await this.rounds.snapshot(round.seasonId, !round.dryRun);
        // On the DataSource, not this transaction: the progress must show while the round runs.
        await this.rounds.setProgress(round.id, 30);
        await progress(30);
        const input = buildEngineInput(
          requests,
          offers,
          region.priorityRules ?? {},
          round.seed,
          round.mechanism as Mechanism,
        );
        const t0 = performance.now();
        const output = match(input, { timing: false });
        const engineMs = Math.round(performance.now() - t0);
        await this.rounds.setProgress(round.id, 70);
        await progress(70);
        const report = buildReport(
          input,
          output,
          requests,
          offers,
          engineMs,
          region.priorityRules ?? {},
        );
        const returning = await this.rounds.inEarlierRounds(
          round,
          requests.map((r) => r.id),
        );
        report.returning = {
          pupils: returning.length,
          placed: returning.filter((id) => output.assignments[id]).length,
        };
        const unplaced = requests.filter((r) => !output.assignments[r.id]).map((r) => r.id);
        const respondBy = calendar.addSchoolDays(todayIso(), responseDays);
        // PostgreSQL writes the proposals, statuses and cases while this process builds the JSON the
        // round keeps (~100 MB at 200k pupils) and a second connection stores it: side by side,
        // not one after the other.
        const writes = round.dryRun
          ? Promise.resolve()
          : (async () => {
              await this.writeProposals(round, input, output, respondBy);
              await this.hooks.afterRound(round, unplaced);
            })();
        // Awaited below; this only keeps a failure while the JSON is built from counting as unhandled.
        writes.catch(() => undefined);
        const stored = await storedJson(input, output, report, requests, offers);
        await this.rounds.storeJson(round.id, stored);
        await writes;
        await this.rounds.complete(round.id, stored);
      });
    } catch (e) {
      // On the DataSource: the round's transaction has rolled back, the error must stay.
      await this.rounds.setError(round.id, (e as Error).message);
      throw e;
    }
    await progress(100);
    if (!round.dryRun) await this.hooks.afterCommit(round);
  }

  /** The reminder job the school day before the next round (see RoundHooks). */
  async sendExtendReminder(roundId: string): Promise<number> {
    return this.hooks.sendExtendReminder(roundId);
  }

  /** Marks a round failed once BullMQ has given up on it, so the season can run another. */
  async markFailed(roundId: string, message: string): Promise<void> {
    // On the DataSource: BullMQ's failed event, outside any transaction.
    await this.rounds.markFailed(roundId, message);
  }

  async get(user: AuthUser, id: string): Promise<RoundView> {
    return this.view(user, id);
  }

  async list(user: AuthUser, seasonId: string, q: PageQuery): Promise<Page<RoundView>> {
    await this.seasons.get(user, seasonId);
    // The page is the region's own rounds: one query for the rows, one for their counts.
    const [rows, total] = await this.rounds.page(
      seasonId,
      user.regionId,
      PageQuery.offset(q),
      q.limit,
    );
    const counts = await this.rounds.countsOf(rows.map((r) => r.id));
    return {
      items: rows.map((r) => roundView(r, counts.get(r.id) as RoundCounts)),
      total,
      page: q.page,
      limit: q.limit,
    };
  }

  /** Per pupil: the result with the engine's explanation. Coordinators see their own pupils only. */
  async results(user: AuthUser, id: string, q: PageQuery) {
    const round = await this.loadFull(user, id);
    const { ids, total } = await this.rounds.resultIds(
      id,
      requestListScope(user),
      PageQuery.offset(q),
      q.limit,
    );
    const explain = createExplainer(round.input as MatchInput, round.output as MatchOutput);
    const items = ids.map((pupil) => ({
      requestId: pupil,
      offerId: (round.output as MatchOutput).assignments[pupil],
      explanation: explain(pupil),
    }));
    await this.audit.recordMany(
      user,
      items.map((i) => ({
        entity: 'transfer_request',
        entityId: i.requestId,
        action: 'round.result',
      })),
    );
    return { items, total, page: q.page, limit: q.limit };
  }

  /** Runs the engine again on the stored input and seed and compares the result byte for byte. */
  async replay(user: AuthUser, id: string) {
    const round = await this.loadFull(user, id);
    const again = match(round.input as MatchInput, { timing: false });
    const stored = canonicalJson(round.output);
    const fresh = canonicalJson(again);
    return {
      roundId: id,
      inputHash: round.inputHash,
      identical: stored === fresh,
      outputHash: sha256(fresh),
      storedOutputHash: sha256(stored),
    };
  }

  // ---- helpers

  private async loadFull(user: AuthUser, id: string) {
    await this.access.requireAccess(user, 'round.read', [id]);
    const round = await this.rounds.withStored(id);
    if (round.status !== 'completed')
      throw new ConflictException(`De ronde is nog niet klaar (status: ${round.status})`);
    return round;
  }

  private async view(user: AuthUser, id: string): Promise<RoundView> {
    await this.access.requireAccess(user, 'round.read', [id]);
    const r = await this.rounds.withSeedOrFail(id);
    return roundView(r, await this.rounds.counts(id));
  }

  /** The proposals, their places reserved and their pupils proposed, in the round's transaction. */
  private async writeProposals(
    round: MatchingRound,
    input: MatchInput,
    output: MatchOutput,
    respondBy: string,
  ) {
    const reqIds: string[] = [];
    // Per placed pupil the number of their offer (1-based, as SQL's ordinality) in offerIds.
    const offerOf: number[] = [];
    const offerIds: string[] = [];
    // Proposals per offer, as offerIds.
    const perOffer: number[] = [];
    const numberOf = new Map<string, number>();
    // The input's pupils (in id order) look their own assignment up by the very strings the
    // output's keys are: ~10× faster than Object.entries over 200k assignments.
    for (const { id: req } of input.pupils) {
      const offer = output.assignments[req];
      if (!offer) continue;
      let n = numberOf.get(offer);
      if (n === undefined) {
        numberOf.set(offer, (n = offerIds.push(offer)));
        perOffer.push(0);
      }
      reqIds.push(req);
      offerOf.push(n);
      perOffer[n - 1]++;
    }
    if (!reqIds.length) return;
    await this.rounds.insertProposals(round, respondBy, { requestIds: reqIds, offerOf, offerIds });
    await reserveForRound(this.txHost.tx, offerIds, perOffer);
    await setStatusByRound(this.txHost.tx, round.regionId, reqIds, 'proposed');
  }
}

/** What GET /rounds/:id and the list show of a round (its seed with it, as the view reveals it). */
function roundView(r: MatchingRound, c: RoundCounts): RoundView {
  return {
    id: r.id,
    seasonId: r.seasonId,
    status: r.status,
    dryRun: r.dryRun,
    mechanism: r.mechanism,
    progress: r.progress,
    seedHash: r.seedHash,
    seed: r.status === 'completed' ? r.seed : null,
    inputHash: r.inputHash,
    scheduledFor: r.scheduledFor,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    engineMs: (r.report as { engineMs?: number } | null)?.engineMs ?? null,
    error: r.error,
    counts: c,
    report: r.report,
  };
}
