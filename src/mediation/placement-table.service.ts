import { Injectable } from '@nestjs/common';
import { AccessService, actsForSchool } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { todayIso } from '../seasons/calendar';
import { SeasonsService } from '../seasons/seasons.service';
import { MediationRepository, WaitingPupilRow } from './mediation.repository';
import { sendingSchoolOf } from './mediation.service';

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
    private readonly repo: MediationRepository,
    private readonly seasons: SeasonsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async get(user: AuthUser, seasonId: string, board: string) {
    const season = await this.seasons.get(user, seasonId);
    await this.access.requireAccess(user, 'board.read', [board]);
    const schools = await this.repo.schoolsOfBoard(user.regionId, board);
    const offers = await this.repo.freeOffersOfBoard(user.regionId, season.id, board);
    const pupils = await this.repo.waitingPupilsForBoard(user.regionId, season.id, board);
    // Need to know: the names, the form and the case stay with the sending school, advisors and
    // admins. A coordinator sees other schools' pupils as anonymous cases; only named rows are
    // reads of a pupil (audited).
    const named = (p: WaitingPupilRow) => actsForSchool(user, p.sending_school_id);
    await this.audit.recordMany(
      user,
      pupils.filter(named).map((p) => ({
        entity: 'transfer_request',
        entityId: p.id,
        action: 'placement-table.read',
        schoolId: p.sending_school_id ?? null,
      })),
    );
    const today = todayIso();
    return {
      season: { id: season.id, name: season.name },
      board,
      schools,
      offers: offers.map((o) => ({
        offerId: o.id,
        schoolId: o.school_id,
        schoolName: o.name,
        brin: o.brin,
        grade: Number(o.grade),
        level: o.level,
        profile: o.profile,
        remaining: Number(o.remaining),
      })),
      pupils: pupils.map((p) => {
        const shown = named(p);
        return {
          caseNumber: dossierNumber(p.id),
          requestId: shown ? p.id : null,
          firstName: shown ? p.first_name : null,
          lastName: shown ? p.last_name : null,
          requestedGrade: Number(p.requested_grade),
          requestedLevel: p.requested_level,
          requestedProfile: p.requested_profile,
          sendingSchool: sendingSchoolOf(p),
          inMediation: p.status === 'mediation',
          mediationCaseId: shown ? (p.case_id ?? null) : null,
          daysWaiting: daysBetween(todayIso(p.waiting_since), today),
        };
      }),
    };
  }
}
