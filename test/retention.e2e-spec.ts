import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/env.validation';
import { Region } from '../src/regions/region.entity';
import { PartCounts, PARTS, pendingCounts } from '../src/retention/erasure';
import { isExpired, keptUntil } from '../src/retention/retention-period';
import { School } from '../src/schools/school.entity';
import { todayIso } from '../src/seasons/calendar';
import { Season } from '../src/seasons/season.entity';
import { SupportCipher } from '../src/transfer-requests/support-cipher';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { Factory } from './factories';
import { MediationFactory } from './factories/mediation';
import { ProposalFactory } from './factories/proposals';

// A schedule for this spec's worker (the test run turns it off elsewhere); read at start-up,
// hence the dynamic imports below.
process.env.RETENTION_SCHEDULE = '15 3 * * *';

const run = promisify(execFile);
const DAY = 86_400_000;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

const today = todayIso();
// The youngest season still kept ends exactly two years ago (kept until today, included); the
// expired one ended the day before. (On 29 February there is no such day: take 1 March.)
const [y, md] = [Number(today.slice(0, 4)), today.slice(5)];
const KEPT_END = `${y - 2}-${md === '02-29' ? '03-01' : md}`;
const EXPIRED_END = addDays(KEPT_END, -1);

/** What each season gets: every kind of pupil data, and the figures built on it. */
const EXPECTED: PartCounts = {
  pupils: 8,
  justifications: 8,
  supportNeeds: 2,
  withdrawalReasons: 1,
  mediationNotes: 2,
  mediationTexts: 1,
  declineNotes: 1,
};

interface Built {
  season: Season;
  requests: TransferRequest[];
  caseIds: string[];
  proposalIds: string[];
  roundId: string;
  /** Every personal value written as stored (support needs encrypted), to look for afterwards. */
  secrets: string[];
}

/**
 * Issue 20 point 8: a season's pupil data is kept two years after the season ends and then erased
 * by the worker's nightly job; the figures and the audit trail stay. Two seasons of one region:
 * one that ended two years and a day ago (expired) and one that ended exactly two years ago (kept).
 */
describe('retention (issue 20 point 8)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let f: Factory;
  let region: Region;
  let a: School;
  let b: School;
  let admin: string;
  let advisor: string;
  let coordinator: string;
  let otherAdmin: string;
  let expired: Built;
  let kept: Built;
  const cipher = new SupportCipher(
    validateEnv(process.env as Record<string, unknown>).SUPPORT_KEYS,
  );
  const http = () => request(app.getHttpServer());

  async function build(endsOn: string, tag: string): Promise<Built> {
    const season = await f.season(region, {
      entryOpens: addDays(endsOn, -300),
      entryCloses: addDays(endsOn, -100),
      roundDates: [addDays(endsOn, -95)],
      summerHolidayStart: addDays(endsOn, -80),
      endsOn,
    });
    const mf = new MediationFactory(f);
    const pf = new ProposalFactory(db);
    const offer = await f.offer(season, b, 3, 'havo', 5);
    const submittedAt = at(addDays(endsOn, -200));
    const base = { submittedAt, justification: `Onderbouwing ${tag}: thuissituatie en gesprekken` };
    const req = (over: Partial<TransferRequest> = {}) =>
      f.request(season, a, [b], { ...base, ...over });
    const support = `Extra tijd bij toetsen ${tag}`;
    // Placed after its proposal below.
    const placed = await req({
      status: 'submitted',
      supportCategories: ['fysiek-medisch'],
      supportNeedsEnc: cipher.encrypt(support),
      firstName: `Fleur ${tag}`,
    });
    const proposed = await req({ status: 'submitted' });
    const mediation = await mf.pupil(season, a, [b], {
      ...base,
      supportCategories: ['gedrag'],
    });
    const submitted = await req({ status: 'submitted' });
    const withdrawn = await req({
      status: 'withdrawn',
      withdrawalReason: `Verhuist naar Spanje ${tag}`,
    });
    const draft = await req({ status: 'draft', submittedAt: null });
    const byHand = await req({
      status: 'placed',
      placedOfferId: offer.id,
      placedAt: at(addDays(endsOn, -70)),
    });
    const declined = await req({ status: 'mediation' });

    const closed = await mf.case(byHand, {
      status: 'closed',
      outcome: 'placed',
      placedOfferId: offer.id,
      outcomeNote: `Geplaatst na gesprek met moeder ${tag}`,
      overCapacityReason: `Broer zit al op deze school ${tag}`,
      closedAt: at(addDays(endsOn, -70)),
    });
    const declinedCase = await mf.case(declined);

    const roundId = await pf.round(season);
    const p1 = await pf.proposal(roundId, proposed, offer, addDays(endsOn, -85));
    const p2 = await pf.proposal(roundId, placed, offer, addDays(endsOn, -85));
    await db.query(`update proposals set status = 'accepted', responded_at = $2 where id = $1;`, [
      p2.id,
      at(addDays(endsOn, -90)),
    ]);
    await db.query(
      `update transfer_requests set status = 'placed', placed_at = $2, placed_offer_id = $3
        where id = $1`,
      [placed.id, at(addDays(endsOn, -90)), offer.id],
    );
    const p3 = await pf.proposal(roundId, declined, offer, addDays(endsOn, -85));
    await db.query(
      `update proposals set status = 'declined', decline_reason = 'niveau-past-niet',
              decline_note = $2, responded_at = $3 where id = $1`,
      [p3.id, `Past niet in klas 3B ${tag}`, at(addDays(endsOn, -88))],
    );
    await db.query(`update transfer_requests set status = 'mediation' where id = $1`, [
      declined.id,
    ]);
    await db.query(`update offers set pending = 1, placed = 2 where id = $1`, [offer.id]);

    // The rows were made during the season, and the withdrawal is dated (the timeline reads it).
    await db.query(
      `update transfer_requests set created_at = $2, updated_at = $3 where season_id = $1`,
      [season.id, at(addDays(endsOn, -210)), at(addDays(endsOn, -150))],
    );
    await db.query(`update proposals set created_at = $2 where round_id = $1`, [
      roundId,
      at(addDays(endsOn, -95)),
    ]);
    await db.query(
      `update mediation_cases set created_at = $2, updated_at = $2 where season_id = $1`,
      [season.id, at(addDays(endsOn, -94))],
    );

    // The advisors' notes through the API, as they are written.
    const notes = [`Moeder gebeld ${tag}, zorgen over pesten`, `Gesprek met mentor ${tag}`];
    for (const text of notes)
      await http()
        .post(`/api/mediation/cases/${mediation.mcase.id}/notes`)
        .set('authorization', advisor)
        .send({ text })
        .expect(201);

    const requests = [
      placed,
      proposed,
      mediation.request,
      submitted,
      withdrawn,
      draft,
      byHand,
      declined,
    ];
    return {
      season,
      requests,
      caseIds: [mediation.mcase.id, closed.id, declinedCase.id],
      proposalIds: [p1.id, p2.id, p3.id],
      roundId,
      secrets: [
        ...requests.map((r) => r.lastName),
        `Fleur ${tag}`,
        `Onderbouwing ${tag}`,
        `Verhuist naar Spanje ${tag}`,
        `moeder ${tag}`,
        `Broer zit al op deze school ${tag}`,
        `Past niet in klas 3B ${tag}`,
        ...notes,
        '1011 AB',
        '2012-01-01',
        'fysiek-medisch',
        'gedrag',
        cipher.activeId + '.',
      ],
    };
  }

  /** The columns an erasure may change (and the notes, which it deletes); see erasure.ts. */
  const ERASABLE = {
    transfer_requests: [
      'first_name',
      'last_name',
      'date_of_birth',
      'postcode',
      'justification',
      'support_categories',
      'support_needs_enc',
      'withdrawal_reason',
    ],
    mediation_cases: ['outcome_note', 'over_capacity_reason'],
    proposals: ['decline_note'],
  };

  /**
   * Every row of the season in every table that holds its pupils, as text, in a fixed order.
   * `rest`: without the erasable columns and the notes, and without the season's record of the
   * erasure: what an erasure must leave exactly as it was.
   */
  async function dump(s: Built, rest = false): Promise<string> {
    const of = async (sql: string, minus: string[] = []) =>
      (
        await db.query(`select (to_jsonb(t) - $2::text[])::text as j from (${sql}) t order by 1`, [
          s.season.id,
          rest ? minus : [],
        ])
      ).map((r: { j: string }) => r.j);
    const tr = 'select id from transfer_requests where season_id = $1';
    return JSON.stringify({
      season: await of(
        `select id, region_id, name, entry_opens, entry_closes, round_dates, response_school_days,
                summer_holiday_start, ends_on, created_at, updated_at, personal_data_erased_at,
                personal_data_erased from seasons where id = $1`,
        ['personal_data_erased_at', 'personal_data_erased'],
      ),
      requests: await of(
        `select * from transfer_requests where season_id = $1`,
        ERASABLE.transfer_requests,
      ),
      preferences: await of(
        `select * from transfer_request_preferences where request_id in (${tr})`,
      ),
      exclusions: await of(`select * from request_exclusions where request_id in (${tr})`),
      cases: await of(
        `select * from mediation_cases where season_id = $1`,
        ERASABLE.mediation_cases,
      ),
      notes: rest
        ? []
        : await of(
            `select * from mediation_notes where case_id in (select id from mediation_cases where season_id = $1)`,
          ),
      proposals: await of(
        `select * from proposals where request_id in (${tr})`,
        ERASABLE.proposals,
      ),
      rounds: await of(`select * from matching_rounds where season_id = $1`),
      offers: await of(`select * from offers where season_id = $1`),
      notifications: await of(
        `select * from notifications where entity_id in (${tr}) or entity_id in
           (select id from mediation_cases where season_id = $1)`,
      ),
    });
  }

  /** What the office sees of a season: monitor, its CSV, its timeline and its round. */
  async function figures(s: Built) {
    const get = async (url: string) =>
      (await http().get(url).set('authorization', admin).expect(200)).body;
    const csv = await http()
      .get(`/api/seasons/${s.season.id}/monitor.csv?part=school`)
      .set('authorization', admin)
      .expect(200);
    return {
      monitor: await get(`/api/seasons/${s.season.id}/monitor`),
      csv: csv.text,
      timeline: await get(`/api/seasons/${s.season.id}/monitor/timeline`),
      round: await get(`/api/rounds/${s.roundId}`),
    };
  }

  /** The audit entries about the season's pupils, cases and proposals. */
  async function auditOf(s: Built): Promise<string[]> {
    const rows: { j: string }[] = await db.query(
      `select row_to_json(a)::text as j from audit_log a
        where entity_id = any($1::text[]) order by id`,
      [[...s.requests.map((r) => r.id), ...s.caseIds, ...s.proposalIds]],
    );
    return rows.map((r) => r.j);
  }

  const erasureAudit = (s: Built) =>
    db.query(
      `select region_id, user_id, role, entity, entity_id, action from audit_log
        where entity = 'season' and entity_id = $1 and action = 'retention.erase'`,
      [s.season.id],
    );

  beforeAll(async () => {
    const { createTestApp, createTestWorker } = await import('./app');
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
    db = f.db;
    region = await f.region();
    a = await f.school(region, { name: 'Alpha college' });
    b = await f.school(region, { name: 'Bravo school' });
    admin = `Bearer ${(await f.user(region, 'admin')).token}`;
    advisor = `Bearer ${(await f.user(region, 'advisor')).token}`;
    coordinator = `Bearer ${(await f.user(region, 'coordinator', [a])).token}`;
    otherAdmin = `Bearer ${(await f.user(await f.region(), 'admin')).token}`;
    expired = await build(EXPIRED_END, 'oud');
    kept = await build(KEPT_END, 'recent');
  });
  afterAll(async () => {
    const { JobsService } = await import('../src/jobs/jobs.service');
    const { QueueName } = await import('../src/jobs/jobs.types');
    const { RETENTION_SCHEDULER_ID } = await import('../src/retention/retention.scheduler');
    await app?.get(JobsService).queue(QueueName.System).removeJobScheduler(RETENTION_SCHEDULER_ID);
    await worker?.close();
    await app?.close();
  });

  it('the two seasons sit on either side of the boundary', () => {
    expect(keptUntil(EXPIRED_END, 2) < today).toBe(true);
    expect(isExpired(EXPIRED_END, today, 2)).toBe(true);
    expect(isExpired(KEPT_END, today, 2)).toBe(false);
  });

  it('the worker keeps a nightly job scheduler whose job carries no data', async () => {
    const { JobsService } = await import('../src/jobs/jobs.service');
    const { JobName, QueueName } = await import('../src/jobs/jobs.types');
    const { RetentionScheduler, RETENTION_SCHEDULER_ID } =
      await import('../src/retention/retention.scheduler');
    await worker.get(RetentionScheduler).scheduled;
    const queue = app.get(JobsService).queue(QueueName.System);
    const s = await queue.getJobScheduler(RETENTION_SCHEDULER_ID);
    expect(s).toMatchObject({
      name: JobName.EraseExpired,
      pattern: '15 3 * * *',
      tz: 'Europe/Amsterdam',
      template: { opts: { attempts: 3 } },
    });
    expect(s?.template?.data ?? {}).toEqual({});
    // The next run is tonight at 03:15 Amsterdam time, within a day.
    expect(Number(s?.next) - Date.now()).toBeGreaterThan(0);
    expect(Number(s?.next) - Date.now()).toBeLessThanOrEqual(DAY);
  });

  describe('before the erasure', () => {
    let before: { expired: string; kept: string };
    beforeAll(async () => {
      before = { expired: await dump(expired), kept: await dump(kept) };
    });

    it('the data is really there (names, support needs decrypted, notes)', async () => {
      for (const secret of expired.secrets) expect(before.expired).toContain(secret);
      const form = await http()
        .get(`/api/transfer-requests/${expired.requests[0].id}`)
        .set('authorization', admin)
        .expect(200);
      expect(form.body).toMatchObject({
        firstName: 'Fleur oud',
        supportNeeds: 'Extra tijd bij toetsen oud',
        postcode: '1011 AB',
      });
    });

    it('the dry run (npm run retention -- --dry-run) counts per table and changes nothing', async () => {
      const { stdout } = await run(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          path.join(__dirname, '..', 'scripts', 'retention.ts'),
          '--dry-run',
        ],
        { cwd: path.join(__dirname, '..'), env: process.env, timeout: 60_000 },
      );
      const block = (s: Built) => {
        const lines = stdout.split('\n');
        const i = lines.findIndex((l) => l.includes(s.season.id));
        return lines.slice(i, i + 1 + PARTS.length);
      };
      const old = block(expired);
      expect(old[0]).toMatch(
        new RegExp(`ends ${EXPIRED_END}.*kept until ${keptUntil(EXPIRED_END, 2)}`),
      );
      expect(old[0]).toMatch(/verlopen \/ expired, te wissen/);
      const numbers = old.slice(1).map((l) => Number(l.trim().split(/\s+/).pop()));
      expect(numbers).toEqual(PARTS.map((p) => EXPECTED[p]));
      expect(old[1]).toMatch(/transfer_requests: naam, geboortedatum, postcode\s+8$/);
      expect(old[5]).toMatch(/mediation_notes: notities \(verwijderd\)\s+2$/);
      // Kept until today, included.
      expect(block(kept)[0]).toMatch(new RegExp(`kept until ${today}.*: bewaard / kept$`));
      expect(stdout).toMatch(/niets gewijzigd \/ nothing changed/);

      expect(await dump(expired)).toBe(before.expired);
      expect(await dump(kept)).toBe(before.kept);
      expect(await erasureAudit(expired)).toEqual([]);
    });

    it('without --dry-run or --yes the command only shows the dry run and exits 2', async () => {
      const { retentionCommand } = await import('../scripts/retention');
      const out: string[] = [];
      const r = await retentionCommand(db, { dryRun: false, yes: false, help: false }, 2, (l) =>
        out.push(l),
      );
      expect(r.code).toBe(2);
      expect(out.join('\n')).toMatch(/npm run retention -- --yes/);
      expect(await dump(expired)).toBe(before.expired);
      expect(await dump(kept)).toBe(before.kept);
    });

    it('GET /retention/preview shows the same counts to the region admin only', async () => {
      const res = await http()
        .get('/api/retention/preview')
        .set('authorization', admin)
        .expect(200);
      expect(res.body).toMatchObject({ retentionYears: 2, today });
      const of = (s: Built) =>
        res.body.seasons.find((x: { seasonId: string }) => x.seasonId === s.season.id);
      expect(of(expired)).toEqual({
        seasonId: expired.season.id,
        name: expired.season.name,
        endsOn: EXPIRED_END,
        keptUntil: keptUntil(EXPIRED_END, 2),
        expired: true,
        personalDataErasedAt: null,
        toErase: EXPECTED,
      });
      expect(of(kept)).toMatchObject({ keptUntil: today, expired: false, toErase: null });

      await http().get('/api/retention/preview').set('authorization', coordinator).expect(403);
      await http().get('/api/retention/preview').set('authorization', advisor).expect(403);
      const other = await http()
        .get('/api/retention/preview')
        .set('authorization', otherAdmin)
        .expect(200);
      expect(other.body.seasons).toEqual([]);
      expect(await dump(expired)).toBe(before.expired);
    });
  });

  describe('the nightly job', () => {
    let before: {
      rest: string;
      kept: string;
      figures: unknown;
      audit: string[];
      keptFigures: unknown;
    };
    let result: { today: string; erased: { seasonId: string; counts: PartCounts }[] };

    beforeAll(async () => {
      before = {
        rest: await dump(expired, true),
        kept: await dump(kept),
        figures: await figures(expired),
        keptFigures: await figures(kept),
        audit: await auditOf(expired),
      };
      // The job the scheduler adds, run now by the worker.
      const { JobsService } = await import('../src/jobs/jobs.service');
      const { JobName, QUEUE_OF } = await import('../src/jobs/jobs.types');
      const jobs = app.get(JobsService);
      const { id } = await jobs.enqueue(JobName.EraseExpired, {});
      const queue = jobs.queue(QUEUE_OF[JobName.EraseExpired]);
      for (let i = 0; i < 300 && !result; i++) {
        const job = await queue.getJob(String(id));
        const state = await job?.getState();
        if (state === 'failed') throw new Error(`retention job failed: ${job?.failedReason}`);
        if (state === 'completed') result = job?.returnvalue;
        else await new Promise((r) => setTimeout(r, 100));
      }
    });

    it('erases the expired season, with these counts, and says so by ids only', () => {
      const mine = result.erased.filter((e) =>
        [expired.season.id, kept.season.id].includes(e.seasonId),
      );
      expect(mine).toEqual([
        {
          seasonId: expired.season.id,
          regionId: region.id,
          name: expired.season.name,
          counts: EXPECTED,
        },
      ]);
    });

    it('leaves no personal data in any expired season', async () => {
      const seasons: { id: string; ends_on: string }[] = await db.query(
        `select id, ends_on::text as ends_on from seasons`,
      );
      const old = seasons.filter((s) => isExpired(s.ends_on, today, 2));
      expect(old.map((s) => s.id)).toContain(expired.season.id);
      for (const s of old) expect(await pendingCounts(db, s.id)).toEqual(zero());

      // Table by table, for the expired season.
      const id = expired.season.id;
      const count = async (sql: string) => Number((await db.query(sql, [id]))[0].n);
      expect(
        await count(`select count(*) as n from transfer_requests where season_id = $1
          and (first_name <> '' or last_name <> '(gewist)' or date_of_birth <> '1900-01-01'
               or postcode <> '' or justification <> '' or support_needs_enc is not null
               or cardinality(support_categories) > 0 or withdrawal_reason is not null)`),
      ).toBe(0);
      expect(
        await count(`select count(*) as n from mediation_notes
          where case_id in (select id from mediation_cases where season_id = $1)`),
      ).toBe(0);
      expect(
        await count(`select count(*) as n from mediation_cases where season_id = $1
          and (outcome_note is not null or over_capacity_reason is not null)`),
      ).toBe(0);
      expect(
        await count(`select count(*) as n from proposals where decline_note is not null
          and request_id in (select id from transfer_requests where season_id = $1)`),
      ).toBe(0);

      // Not one of the values written is left anywhere in the season's rows.
      const after = await dump(expired);
      for (const secret of expired.secrets) expect(after).not.toContain(secret);
      // The rows themselves stay, for the figures, every other column exactly as it was.
      expect(await dump(expired, true)).toBe(before.rest);
      expect(await count(`select count(*) as n from transfer_requests where season_id = $1`)).toBe(
        8,
      );
      expect(await count(`select count(*) as n from mediation_cases where season_id = $1`)).toBe(3);
      expect(
        await count(`select count(*) as n from proposals
          where request_id in (select id from transfer_requests where season_id = $1)`),
      ).toBe(3);
    });

    it('leaves the season kept until today byte for byte as it was', async () => {
      expect(await dump(kept)).toBe(before.kept);
      expect(await figures(kept)).toEqual(before.keptFigures);
      expect(await erasureAudit(kept)).toEqual([]);
    });

    it("keeps the expired season's figures: monitor, CSV, timeline and round", async () => {
      const now = await figures(expired);
      expect(now).toEqual(before.figures);
      // And they are figures of something: 8 forms, 6 of which count.
      expect(now.monitor.totals).toMatchObject({
        placed: 2,
        // The one placed by hand in the summer holiday is placed, not placed before it.
        placedBeforeSummer: 1,
        proposed: 1,
        mediation: 2,
        unplaced: 1,
        total: 6,
      });
      expect(now.round.counts).toEqual({ proposals: 3, pending: 1, accepted: 1, declined: 1 });
    });

    it('keeps the audit trail, adds one entry by the system, and marks the season erased', async () => {
      const audit = await auditOf(expired);
      expect(audit).toEqual(before.audit);
      expect(audit.filter((j) => j.includes('"note.add"'))).toHaveLength(2);
      expect(await erasureAudit(expired)).toEqual([
        {
          region_id: region.id,
          user_id: null,
          role: null,
          entity: 'season',
          entity_id: expired.season.id,
          action: 'retention.erase',
        },
      ]);
      const [s] = await db.query(
        `select personal_data_erased_at, personal_data_erased from seasons where id = $1`,
        [expired.season.id],
      );
      expect(s.personal_data_erased_at).toBeInstanceOf(Date);
      expect(s.personal_data_erased).toEqual(EXPECTED);
    });

    it('the erased form still opens, without the pupil', async () => {
      const form = await http()
        .get(`/api/transfer-requests/${expired.requests[0].id}`)
        .set('authorization', admin)
        .expect(200);
      expect(form.body).toMatchObject({
        firstName: '',
        lastName: '(gewist)',
        postcode: '',
        justification: '',
        supportNeeds: null,
        supportCategories: [],
        status: 'placed',
        requestedGrade: 3,
        requestedLevel: 'havo',
      });
      const mcase = await http()
        .get(`/api/mediation/cases/${expired.caseIds[0]}`)
        .set('authorization', advisor)
        .expect(200);
      expect(mcase.body.notes).toEqual([]);
    });

    it('the preview then shows nothing left to erase', async () => {
      const res = await http()
        .get('/api/retention/preview')
        .set('authorization', admin)
        .expect(200);
      const s = res.body.seasons.find(
        (x: { seasonId: string }) => x.seasonId === expired.season.id,
      );
      expect(s).toMatchObject({ expired: true, toErase: zero() });
      expect(typeof s.personalDataErasedAt).toBe('string');
    });

    it('running it again changes nothing', async () => {
      const { RetentionService } = await import('../src/retention/retention.service');
      const snapshot = {
        expired: await dump(expired),
        kept: await dump(kept),
        audit: await db.query(
          `select count(*)::int as n from audit_log where action = 'retention.erase'`,
        ),
      };
      const again = await worker.get(RetentionService).eraseExpired();
      expect(again.erased).toEqual([]);
      expect(await dump(expired)).toBe(snapshot.expired);
      expect(await dump(kept)).toBe(snapshot.kept);
      expect(
        await db.query(`select count(*)::int as n from audit_log where action = 'retention.erase'`),
      ).toEqual(snapshot.audit);
    });
  });
});

function zero(): PartCounts {
  return Object.fromEntries(PARTS.map((p) => [p, 0])) as PartCounts;
}
