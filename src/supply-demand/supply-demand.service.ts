import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { CsvFile, csvFile, safeCell } from '../common/csv';
import { LEVELS } from '../common/levels';
import { Season } from '../seasons/season.entity';
import { SeasonsService } from '../seasons/seasons.service';
import { TransferStatus } from '../transfer-requests/transfer-request.entity';
import { GradeLevelFigures, Part, SchoolFigures, SupplyDemand } from './supply-demand.dto';

/** Pupils who ask for a leerjaar × niveau (placed ones included: they took a place). */
export const ASKING: TransferStatus[] = ['submitted', 'proposed', 'placed', 'mediation'];
/** Outgoing pupils a school is still finding a place for. */
export const SEEKING: TransferStatus[] = ['submitted', 'proposed', 'mediation'];

/** Counts only (never a pupil): free places against demand, for every role of the region. */
@Injectable()
export class SupplyDemandService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seasons: SeasonsService,
  ) {}

  async get(user: AuthUser, seasonId: string): Promise<SupplyDemand> {
    const season = await this.seasons.get(user, seasonId);
    const [byGradeLevel, bySchool] = await Promise.all([
      this.byGradeLevel(user, season),
      this.bySchool(user, season),
    ]);
    return { byGradeLevel, bySchool };
  }

  async csv(user: AuthUser, seasonId: string, part: Part): Promise<CsvFile> {
    const season = await this.seasons.get(user, seasonId);
    const rows =
      part === 'school'
        ? [
            ['brin', 'school', 'aangeboden', 'gezocht'],
            ...(await this.bySchool(user, season)).map((s) => [
              s.brin,
              safeCell(s.name),
              s.offered,
              s.sought,
            ]),
          ]
        : [
            ['leerjaar', 'niveau', 'aangeboden', 'gevraagd', 'voorgesteld', 'geplaatst', 'tekort'],
            ...(await this.byGradeLevel(user, season)).map((r) => [
              r.grade,
              r.level,
              r.offered,
              r.asking,
              r.pending,
              r.placed,
              r.shortage,
            ]),
          ];
    const name = part === 'school' ? 'per-school' : 'per-leerjaar-niveau';
    return csvFile(`vraag-aanbod-${season.name}-${name}.csv`, rows);
  }

  /** One query: offers and requests per leerjaar × niveau, full outer joined. */
  private async byGradeLevel(user: AuthUser, season: Season): Promise<GradeLevelFigures[]> {
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
        order by 1, array_position($4::text[], coalesce(s.level, d.level)::text), 2`,
      [user.regionId, season.id, ASKING, [...LEVELS]],
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
  private async bySchool(user: AuthUser, season: Season): Promise<SchoolFigures[]> {
    const rows: Record<string, string | number>[] = await this.db.query(
      `select s.id, s.brin, s.name,
              coalesce(o.offered, 0)::int as offered,
              coalesce(t.sought, 0)::int as sought
         from schools s
         left join (
           select school_id, sum(capacity) as offered
             from offers
            where region_id = $1 and season_id = $2
            group by school_id
         ) o on o.school_id = s.id
         left join (
           select sending_school_id, count(*) as sought
             from transfer_requests
            where region_id = $1 and season_id = $2 and status = any($3::transfer_status[])
            group by sending_school_id
         ) t on t.sending_school_id = s.id
        where s.region_id = $1
        order by s.name, s.brin`,
      [user.regionId, season.id, SEEKING],
    );
    return rows.map((r) => ({
      schoolId: String(r.id),
      brin: String(r.brin),
      name: String(r.name),
      offered: Number(r.offered),
      sought: Number(r.sought),
    }));
  }
}
