import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, actsForSchool } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { LEVELS } from '../common/levels';
import { freePlacesSql } from '../offers/places';
import { todayIso } from '../seasons/calendar';
import { SeasonsService } from '../seasons/seasons.service';
import { sendingSchoolOf } from './mediation.service';

type Row = Record<string, unknown>;

/** The dossiernummer: the first 8 characters of the form's id (as the pupils page shows it). */
const dossierNumber = (requestId: string) => requestId.slice(0, 8);
/** Whole calendar days between two Amsterdam dates. */
const daysBetween = (from: string, to: string) =>
  Math.max(
    0,
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000),
  );

/**
 * The plaatsingstafel of one board (bestuur): the board's schools' offers with free places beside
 * the region's pupils still without a place (submitted or in mediation) who ask for one of those
 * leerjaar × niveau combinations. Advisors and admins; a coordinator only for their own board.
 */
@Injectable()
export class PlacementTableService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seasons: SeasonsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async get(user: AuthUser, seasonId: string, board: string) {
    const season = await this.seasons.get(user, seasonId);
    await this.access.requireAccess(user, 'board.read', [board]);
    const schools: { id: string; brin: string; name: string }[] = await this.db.query(
      `select id, brin, name from schools where region_id = $1 and board = $2 order by name, brin`,
      [user.regionId, board],
    );
    const offers: Row[] = await this.db.query(
      `select o.id, o.school_id, s.name, s.brin, o.grade, o.level, o.profile,
              ${freePlacesSql('o')}::int as remaining
         from offers o join schools s on s.id = o.school_id
        where o.region_id = $1 and o.season_id = $2 and s.board = $3
          and ${freePlacesSql('o')} > 0
        order by s.name, s.brin, o.grade, array_position($4::text[], o.level::text), o.profile`,
      [user.regionId, season.id, board, [...LEVELS]],
    );
    const pupils: Row[] = await this.db.query(
      `select tr.id, tr.first_name, tr.last_name, tr.requested_grade, tr.requested_level,
              tr.requested_profile, tr.status, tr.sending_school_id,
              ss.name as sending_school_name, ss.brin as sending_school_brin,
              coalesce(tr.submitted_at, tr.created_at) as waiting_since,
              (select c.id from mediation_cases c
                where c.request_id = tr.id and c.status = 'open') as case_id
         from transfer_requests tr
         left join schools ss on ss.id = tr.sending_school_id
        where tr.region_id = $1 and tr.season_id = $2 and tr.status in ('submitted', 'mediation')
          and exists (
            select 1 from offers o join schools s on s.id = o.school_id
             where o.season_id = tr.season_id and s.region_id = $1 and s.board = $3
               and o.grade = tr.requested_grade and o.level = tr.requested_level
               and ${freePlacesSql('o')} > 0)
        order by tr.requested_grade, array_position($4::text[], tr.requested_level::text),
                 tr.last_name, tr.first_name, tr.id`,
      [user.regionId, season.id, board, [...LEVELS]],
    );
    // Need to know: the names, the form and the case stay with the sending school, advisors and
    // admins. A coordinator sees other schools' pupils as anonymous cases; only named rows are
    // reads of a pupil (audited).
    const named = (p: Row) => actsForSchool(user, p.sending_school_id as string | null);
    await this.audit.recordMany(
      user,
      pupils.filter(named).map((p) => ({
        entity: 'transfer_request',
        entityId: String(p.id),
        action: 'placement-table.read',
        schoolId: (p.sending_school_id as string) ?? null,
      })),
    );
    const today = todayIso();
    return {
      season: { id: season.id, name: season.name },
      board,
      schools,
      offers: offers.map((o) => ({
        offerId: String(o.id),
        schoolId: String(o.school_id),
        schoolName: String(o.name),
        brin: String(o.brin),
        grade: Number(o.grade),
        level: String(o.level),
        profile: String(o.profile),
        remaining: Number(o.remaining),
      })),
      pupils: pupils.map((p) => {
        const shown = named(p);
        return {
          caseNumber: dossierNumber(String(p.id)),
          requestId: shown ? String(p.id) : null,
          firstName: shown ? String(p.first_name) : null,
          lastName: shown ? String(p.last_name) : null,
          requestedGrade: Number(p.requested_grade),
          requestedLevel: String(p.requested_level),
          requestedProfile: String(p.requested_profile),
          sendingSchool: sendingSchoolOf(p),
          inMediation: p.status === 'mediation',
          mediationCaseId: shown ? ((p.case_id as string) ?? null) : null,
          daysWaiting: daysBetween(todayIso(p.waiting_since as Date), today),
        };
      }),
    };
  }
}
