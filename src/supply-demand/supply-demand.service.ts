import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { CsvFile, csvFile, safeCell } from '../common/csv';
import { LEVELS } from '../common/levels';
import { Where } from '../common/sql-where';
import { freePlaces, freePlacesSql } from '../offers/places';
import { districtOf, districtSql } from '../schools/district';
import { Season } from '../seasons/season.entity';
import { SeasonsService } from '../seasons/seasons.service';
import { TransferStatus } from '../transfer-requests/transfer-request.entity';
import {
  BoardRow,
  GradeLevelFigures,
  Part,
  SchoolFigures,
  SupplyDemand,
  SupplyDemandFilterDto,
  SupplyDemandQueryDto,
} from './supply-demand.dto';

/** Pupils who ask for a leerjaar × niveau (placed ones included: they took a place). */
export const ASKING: TransferStatus[] = ['submitted', 'proposed', 'placed', 'mediation'];
/** Outgoing pupils a school is still finding a place for. */
export const SEEKING: TransferStatus[] = ['submitted', 'proposed', 'mediation'];

const SCHOOL_DISTRICT = districtSql('sc.postcode');

/**
 * Counts only (never a pupil): free places against demand, for every role of the region. The
 * region board (Lisa): per school × leerjaar × niveau × profiel its free places and the places it
 * seeks for its own pupils.
 */
@Injectable()
export class SupplyDemandService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seasons: SeasonsService,
  ) {}

  async get(user: AuthUser, seasonId: string, q: SupplyDemandQueryDto): Promise<SupplyDemand> {
    const season = await this.seasons.get(user, seasonId);
    const [byGradeLevel, bySchool, board] = await Promise.all([
      this.byGradeLevel(user, season, q),
      this.bySchool(user, season, q),
      this.board(user, season, q, { offset: (q.page - 1) * q.limit, limit: q.limit }),
    ]);
    return { byGradeLevel, bySchool, ...board, page: q.page, limit: q.limit };
  }

  async csv(
    user: AuthUser,
    seasonId: string,
    part: Part,
    filters: SupplyDemandFilterDto = {},
  ): Promise<CsvFile> {
    const season = await this.seasons.get(user, seasonId);
    let rows: unknown[][];
    if (part === 'school') {
      rows = [
        ['brin', 'school', 'aangeboden', 'gezocht'],
        ...(await this.bySchool(user, season, filters)).map((s) => [
          s.brin,
          safeCell(s.name),
          s.offered,
          s.sought,
        ]),
      ];
    } else if (part === 'board') {
      rows = [
        [
          'brin',
          'school',
          'stadsdeel',
          'leerjaar',
          'niveau',
          'profiel',
          'plaatsen',
          'geplaatst',
          'voorgesteld',
          'vrij',
          'gezocht',
        ],
        ...(await this.board(user, season, filters)).rows.map((r) => [
          r.brin,
          safeCell(r.schoolName),
          r.district,
          r.grade,
          r.level,
          safeCell(r.profile),
          r.capacity,
          r.placed,
          r.pending,
          r.remaining,
          r.sought,
        ]),
      ];
    } else {
      rows = [
        ['leerjaar', 'niveau', 'aangeboden', 'gevraagd', 'voorgesteld', 'geplaatst', 'tekort'],
        ...(await this.byGradeLevel(user, season, filters)).map((r) => [
          r.grade,
          r.level,
          r.offered,
          r.asking,
          r.pending,
          r.placed,
          r.shortage,
        ]),
      ];
    }
    const name = { school: 'per-school', board: 'bord', 'grade-level': 'per-leerjaar-niveau' }[
      part
    ];
    const district = filters.district && part !== 'grade-level' ? `-${filters.district}` : '';
    return csvFile(`vraag-aanbod-${season.name}-${name}${district}.csv`, rows);
  }

  /** One query: offers and requests per leerjaar × niveau, full outer joined. */
  private async byGradeLevel(
    user: AuthUser,
    season: Season,
    f: SupplyDemandFilterDto,
  ): Promise<GradeLevelFigures[]> {
    const params: unknown[] = [user.regionId, season.id, ASKING, [...LEVELS]];
    const outer = new Where();
    outer.params.push(...params);
    if (f.grade) outer.add((n) => `coalesce(s.grade, d.grade) = ${n}`, f.grade);
    if (f.level) outer.add((n) => `coalesce(s.level, d.level) = ${n}`, f.level);
    const rows: Record<string, string | number>[] = await this.db.query(
      `with supply as (
         select grade, level, sum(capacity) as offered
           from offers
          where region_id = $1 and season_id = $2
          group by grade, level
       ), demand as (
         select requested_grade as grade, requested_level as level,
                count(*) as asking,
                count(*) filter (where status = 'proposed') as pending,
                count(*) filter (where status = 'placed') as placed
           from transfer_requests
          where region_id = $1 and season_id = $2 and status = any($3::transfer_status[])
          group by requested_grade, requested_level
       )
       select coalesce(s.grade, d.grade)::int as grade,
              coalesce(s.level, d.level) as level,
              coalesce(s.offered, 0)::int as offered,
              coalesce(d.asking, 0)::int as asking,
              coalesce(d.pending, 0)::int as pending,
              coalesce(d.placed, 0)::int as placed,
              greatest(0, coalesce(d.asking, 0) - coalesce(s.offered, 0))::int as shortage
         from supply s
         full join demand d on d.grade = s.grade and d.level = s.level
        ${outer.sql}
        order by 1, array_position($4::text[], coalesce(s.level, d.level)::text), 2`,
      outer.params,
    );
    return rows.map((r) => ({
      grade: Number(r.grade),
      level: r.level as GradeLevelFigures['level'],
      offered: Number(r.offered),
      asking: Number(r.asking),
      pending: Number(r.pending),
      placed: Number(r.placed),
      shortage: Number(r.shortage),
    }));
  }

  /** One query: every school of the region with its places and its outgoing pupils. */
  private async bySchool(
    user: AuthUser,
    season: Season,
    f: SupplyDemandFilterDto,
  ): Promise<SchoolFigures[]> {
    const w = new Where();
    w.params.push(user.regionId, season.id, SEEKING);
    w.also('sc.region_id = $1');
    this.schoolFilters(w, f);
    // The leerjaar and niveau filters narrow what is counted, not which schools are shown.
    let offerFilter = '';
    let requestFilter = '';
    if (f.grade) {
      const n = placeholder(w, f.grade);
      offerFilter += ` and grade = ${n}`;
      requestFilter += ` and requested_grade = ${n}`;
    }
    if (f.level) {
      const n = placeholder(w, f.level);
      offerFilter += ` and level = ${n}`;
      requestFilter += ` and requested_level = ${n}`;
    }
    const rows: Record<string, string | number>[] = await this.db.query(
      `select sc.id, sc.brin, sc.name, ${SCHOOL_DISTRICT} as district,
              coalesce(o.offered, 0)::int as offered,
              coalesce(o.remaining, 0)::int as remaining,
              coalesce(t.sought, 0)::int as sought
         from schools sc
         left join (
           select school_id, sum(capacity) as offered,
                  sum(${freePlacesSql(null)}) as remaining
             from offers
            where region_id = $1 and season_id = $2${offerFilter}
            group by school_id
         ) o on o.school_id = sc.id
         left join (
           select sending_school_id, count(*) as sought
             from transfer_requests
            where region_id = $1 and season_id = $2 and status = any($3::transfer_status[])${requestFilter}
            group by sending_school_id
         ) t on t.sending_school_id = sc.id
        ${w.sql}
        order by sc.name, sc.brin`,
      w.params,
    );
    return rows.map((r) => ({
      schoolId: String(r.id),
      brin: String(r.brin),
      name: String(r.name),
      district: r.district as SchoolFigures['district'],
      offered: Number(r.offered),
      remaining: Number(r.remaining),
      sought: Number(r.sought),
    }));
  }

  /**
   * The board: offers and the schools' own seeking pupils per school × leerjaar × niveau ×
   * profiel, full outer joined, so a program a school seeks places in but does not offer shows too.
   */
  private async board(
    user: AuthUser,
    season: Season,
    f: SupplyDemandFilterDto,
    page?: { offset: number; limit: number },
  ): Promise<{ rows: BoardRow[]; total: number }> {
    const w = new Where();
    w.params.push(user.regionId, season.id, SEEKING, [...LEVELS]);
    w.also('sc.region_id = $1');
    this.schoolFilters(w, f);
    if (f.grade) w.add((n) => `b.grade = ${n}`, f.grade);
    if (f.level) w.add((n) => `b.level = ${n}`, f.level);
    const from = `
      from (
        select coalesce(s.school_id, d.school_id) as school_id,
               coalesce(s.grade, d.grade) as grade,
               coalesce(s.level, d.level) as level,
               coalesce(s.profile, d.profile) as profile,
               s.id as offer_id,
               coalesce(s.capacity, 0) as capacity,
               coalesce(s.placed, 0) as placed,
               coalesce(s.pending, 0) as pending,
               coalesce(d.sought, 0) as sought
          from (select id, school_id, grade, level, profile, capacity, placed, pending
                  from offers where region_id = $1 and season_id = $2) s
          full join (
            select sending_school_id as school_id, requested_grade as grade,
                   requested_level as level, requested_profile as profile, count(*) as sought
              from transfer_requests
             where region_id = $1 and season_id = $2 and status = any($3::transfer_status[])
               and sending_school_id is not null
             group by 1, 2, 3, 4
          ) d on d.school_id = s.school_id and d.grade = s.grade and d.level = s.level
             and d.profile = s.profile
      ) b
      join schools sc on sc.id = b.school_id
      ${w.sql}`;
    const countParams = [...w.params];
    let paging = '';
    if (page) {
      paging = ` offset ${placeholder(w, page.offset)} limit ${placeholder(w, page.limit)}`;
    }
    const rows: Record<string, string | number | null>[] = await this.db.query(
      `select b.*, sc.brin, sc.name as school_name, sc.postcode ${from}
        order by sc.name, sc.brin, b.grade, array_position($4::text[], b.level::text), b.profile
       ${paging}`,
      w.params,
    );
    // The web app asks for the whole board at once: a page that is not full (and not past the
    // end) tells the total, and the board is not computed a second time just to count it.
    const known = !page || (rows.length < page.limit && (rows.length > 0 || page.offset === 0));
    const total = known
      ? (page?.offset ?? 0) + rows.length
      : Number(
          (
            (await this.db.query(
              // ($4, the niveau order, is only for sorting; naming it keeps its type known.)
              `select count(*)::int as total, $4::text[] is null as unused ${from}`,
              countParams,
            )) as { total: number }[]
          )[0].total,
        );
    return {
      total,
      rows: rows.map((r) => {
        const capacity = Number(r.capacity);
        const placed = Number(r.placed);
        const pending = Number(r.pending);
        return {
          schoolId: String(r.school_id),
          brin: String(r.brin),
          schoolName: String(r.school_name),
          // The stadsdeel here, not in SQL: the expression's regex tests for each of the ~1,000
          // board rows were 12–15 ms of the query's 17–24 (bench:load, issue 20 point 9).
          district: districtOf(String(r.postcode)),
          grade: Number(r.grade),
          level: r.level as BoardRow['level'],
          profile: String(r.profile),
          offerId: r.offer_id === null ? null : String(r.offer_id),
          capacity,
          placed,
          pending,
          remaining: freePlaces({ capacity, placed, pending }),
          sought: Number(r.sought),
        };
      }),
    };
  }

  private schoolFilters(w: Where, f: SupplyDemandFilterDto): void {
    if (f.district) w.add((n) => `${SCHOOL_DISTRICT} = ${n}`, f.district);
    if (f.schoolId) w.add((n) => `sc.id = ${n}`, f.schoolId);
  }
}

/** Adds a value to the statement's parameters and returns its placeholder. */
function placeholder(w: Where, value: unknown): string {
  w.params.push(value);
  return `$${w.params.length}`;
}
