import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { actsForSchool, ownSchools } from '../access/access-rules';
import { CsvFile, csvFile, safeCell } from '../common/csv';
import { Level, LEVELS } from '../common/levels';
import { freePlacesSql } from '../offers/places';
import { todayIso } from '../seasons/calendar';
import { SeasonsService } from '../seasons/seasons.service';
import { DayCounts, Interval, PupilHistory, timeline } from './timeline';
import {
  addCounts,
  Counts,
  countsOf,
  percentNl,
  placedBeforeSummerShare,
  placedShare,
  ZERO,
} from './figures';

export const MONITOR_PARTS = ['grade-level', 'school'] as const;
export type MonitorPart = (typeof MONITOR_PARTS)[number];

export type Figures = Counts & {
  placedShare: number | null;
  /** The headline: share placed before the summer holiday. */
  placedBeforeSummerShare: number | null;
};
export type GradeLevelRow = Figures & { grade: number; level: Level };
/** schoolId null: pupils without a sending school here (moved into the region). */
export type SchoolRow = Figures & { schoolId: string | null; brin: string | null; name: string };

export interface Monitor {
  season: { id: string; name: string; summerHolidayStart: string };
  schoolDaysToSummer: number;
  /** The whole region's figures, for every role. */
  totals: Figures;
  byGradeLevel: GradeLevelRow[];
  /** Per sending school; coordinators get only their own school(s). */
  bySchool: SchoolRow[];
}

const NO_SCHOOL = 'Zonder school van herkomst (instromers)';
const withShare = (c: Counts): Figures => ({
  ...c,
  placedShare: placedShare(c),
  placedBeforeSummerShare: placedBeforeSummerShare(c),
});
const HEADERS = [
  'geplaatst',
  'geplaatst vóór zomervakantie',
  'voorgesteld',
  'in bemiddeling',
  'nog niet geplaatst',
  'totaal',
  'geplaatst (%)',
  'geplaatst vóór zomervakantie (%)',
];
const cells = (f: Figures) => [
  f.placed,
  f.placedBeforeSummer,
  f.proposed,
  f.mediation,
  f.unplaced,
  f.total,
  percentNl(f.placedShare),
  percentNl(f.placedBeforeSummerShare),
];

/**
 * Season monitor: how far the season is from its goal, a place for every pupil before the summer
 * holiday. Counts only. A request counts unless it is a draft or withdrawn.
 */
@Injectable()
export class MonitorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seasons: SeasonsService,
  ) {}

  async get(user: AuthUser, seasonId: string): Promise<Monitor> {
    const season = await this.seasons.getView(user, seasonId);
    const [groups, schools] = await Promise.all([
      this.db.query(
        // The summer holiday starts at midnight, Amsterdam time.
        `select requested_grade::int as grade, requested_level as level, sending_school_id,
                status, count(*)::int as n,
                count(*) filter (
                  where placed_at < ($3::date::timestamp at time zone 'Europe/Amsterdam')
                )::int as before_summer
           from transfer_requests
          where region_id = $1 and season_id = $2
            and status in ('submitted', 'proposed', 'mediation', 'placed')
          group by 1, 2, 3, 4`,
        [user.regionId, season.id, season.summerHolidayStart],
      ) as Promise<
        {
          grade: number;
          level: Level;
          sending_school_id: string | null;
          status: string;
          n: number;
          before_summer: number;
        }[]
      >,
      this.db.query(`select id, brin, name from schools where region_id = $1 order by name, brin`, [
        user.regionId,
      ]) as Promise<{ id: string; brin: string; name: string }[]>,
    ]);

    let totals = ZERO;
    const byGl = new Map<string, { grade: number; level: Level; c: Counts }>();
    const bySchool = new Map<string | null, Counts>();
    for (const g of groups) {
      const c = countsOf(g.status, Number(g.n), Number(g.before_summer));
      totals = addCounts(totals, c);
      const key = `${g.grade}|${g.level}`;
      const gl = byGl.get(key) ?? { grade: Number(g.grade), level: g.level, c: ZERO };
      gl.c = addCounts(gl.c, c);
      byGl.set(key, gl);
      bySchool.set(g.sending_school_id, addCounts(bySchool.get(g.sending_school_id) ?? ZERO, c));
    }
    const levelPos = (l: string) => (LEVELS as readonly string[]).indexOf(l);
    const gradeLevel = [...byGl.values()]
      .sort((a, b) => a.grade - b.grade || levelPos(a.level) - levelPos(b.level))
      .map((g) => ({ grade: g.grade, level: g.level, ...withShare(g.c) }));

    const coordinator = ownSchools(user) !== null;
    const schoolRows: SchoolRow[] = schools
      .filter((s) => actsForSchool(user, s.id))
      .map((s) => ({
        schoolId: s.id,
        brin: s.brin,
        name: s.name,
        ...withShare(bySchool.get(s.id) ?? ZERO),
      }));
    const incoming = bySchool.get(null);
    if (!coordinator && incoming)
      schoolRows.push({ schoolId: null, brin: null, name: NO_SCHOOL, ...withShare(incoming) });

    return {
      season: { id: season.id, name: season.name, summerHolidayStart: season.summerHolidayStart },
      schoolDaysToSummer: season.schoolDaysToSummer,
      totals: withShare(totals),
      byGradeLevel: gradeLevel,
      bySchool: schoolRows,
    };
  }

  /** One of the two tables as CSV (Dutch headers, ; separated, UTF-8 with BOM), totals last. */
  async csv(user: AuthUser, seasonId: string, part: MonitorPart): Promise<CsvFile> {
    const m = await this.get(user, seasonId);
    const rows =
      part === 'school'
        ? [
            ['brin', 'school', ...HEADERS],
            ...m.bySchool.map((s) => [s.brin ?? '', safeCell(s.name), ...cells(s)]),
            ['', 'totaal regio', ...cells(m.totals)],
          ]
        : [
            ['leerjaar', 'niveau', ...HEADERS],
            ...m.byGradeLevel.map((r) => [r.grade, r.level, ...cells(r)]),
            ['totaal', '', ...cells(m.totals)],
          ];
    const name = part === 'school' ? 'per-school' : 'per-leerjaar-niveau';
    return csvFile(`monitor-${m.season.name}-${name}.csv`, rows);
  }

  /**
   * The season over time (timeline.ts says how a day's status is derived), the goal — every
   * pupil who asks for a place placed before the summer holiday — and, per leerjaar × niveau,
   * free places beside the pupils still seeking one (submitted or in mediation). Counts only.
   */
  async timeline(user: AuthUser, seasonId: string): Promise<SeasonTimeline> {
    const season = await this.seasons.getView(user, seasonId);
    const day = (col: string) => `to_char((${col}) at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')`;
    const [requests, proposals, cases, supply] = await Promise.all([
      this.db.query(
        `select id, status, ${day('coalesce(submitted_at, created_at)')} as submitted,
                ${day('placed_at')} as placed,
                case when status = 'withdrawn' then ${day('updated_at')} end as withdrawn
           from transfer_requests
          where region_id = $1 and season_id = $2
            and (status <> 'draft' and (submitted_at is not null or status <> 'withdrawn'))`,
        [user.regionId, season.id],
      ) as Promise<
        {
          id: string;
          status: string;
          submitted: string;
          placed: string | null;
          withdrawn: string | null;
        }[]
      >,
      this.db.query(
        `select p.request_id, ${day('p.created_at')} as from, ${day('p.responded_at')} as to
           from proposals p join transfer_requests tr on tr.id = p.request_id
          where tr.region_id = $1 and tr.season_id = $2`,
        [user.regionId, season.id],
      ) as Promise<({ request_id: string } & Interval)[]>,
      this.db.query(
        `select request_id, ${day('created_at')} as from, ${day('closed_at')} as to
           from mediation_cases where region_id = $1 and season_id = $2`,
        [user.regionId, season.id],
      ) as Promise<({ request_id: string } & Interval)[]>,
      this.db.query(
        `with free as (
           select grade::int as grade, level,
                  sum(${freePlacesSql(null)})::int as n
             from offers where region_id = $1 and season_id = $2 group by 1, 2),
         seeking as (
           select requested_grade::int as grade, requested_level as level, count(*)::int as n
             from transfer_requests
            where region_id = $1 and season_id = $2 and status in ('submitted', 'mediation')
            group by 1, 2)
         select coalesce(f.grade, s.grade) as grade, coalesce(f.level, s.level) as level,
                coalesce(f.n, 0) as free, coalesce(s.n, 0) as seeking
           from free f full join seeking s on s.grade = f.grade and s.level = f.level`,
        [user.regionId, season.id],
      ) as Promise<{ grade: number; level: Level; free: number; seeking: number }[]>,
    ]);
    const byRequest = new Map<string, PupilHistory>();
    for (const r of requests)
      byRequest.set(r.id, {
        submitted: r.submitted,
        placed: r.placed,
        withdrawn: r.withdrawn,
        proposals: [],
        cases: [],
      });
    for (const p of proposals) byRequest.get(p.request_id)?.proposals.push(p);
    for (const c of cases) byRequest.get(c.request_id)?.cases.push(c);

    const today = todayIso();
    const first = requests.reduce(
      (min, r) => (r.submitted < min ? r.submitted : min),
      season.entryOpens,
    );
    const last = today < season.endsOn ? today : season.endsOn;
    const days = timeline([...byRequest.values()], first, last);

    const target = requests.filter((r) => r.status !== 'withdrawn').length;
    const placed = requests.filter((r) => r.status === 'placed').length;
    const levelPos = (l: string) => (LEVELS as readonly string[]).indexOf(l);
    return {
      season: { id: season.id, name: season.name, summerHolidayStart: season.summerHolidayStart },
      from: first,
      to: last,
      days,
      goal: {
        by: season.summerHolidayStart,
        placed: target,
        stillToPlace: Math.max(0, target - placed),
        schoolDaysLeft: season.schoolDaysToSummer, // the region's school days (SeasonsService)
      },
      gradeLevels: supply
        .map((g) => ({
          grade: Number(g.grade),
          level: g.level,
          freePlaces: Number(g.free),
          seeking: Number(g.seeking),
          balance: Number(g.free) - Number(g.seeking),
        }))
        .sort((a, b) => a.grade - b.grade || levelPos(a.level) - levelPos(b.level)),
    };
  }
}

export interface SeasonTimeline {
  season: Monitor['season'];
  from: string;
  to: string;
  days: DayCounts[];
  goal: { by: string; placed: number; stillToPlace: number; schoolDaysLeft: number };
  gradeLevels: {
    grade: number;
    level: Level;
    freePlaces: number;
    seeking: number;
    balance: number;
  }[];
}
