import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AccessService, ownSchools, requestListScope } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { gradeLevelError } from '../common/levels';
import { PageQuery } from '../common/pagination';
import { DeclineReason, ProposalStatus } from '../proposals/proposal.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { ProposalsService } from '../proposals/proposals.service';
import { School } from '../schools/school.entity';
import { todayIso } from '../seasons/calendar';
import { Season } from '../seasons/season.entity';
import { SeasonsService } from '../seasons/seasons.service';
import { entryDecision } from './entry-window';
import { birthDateError } from './pupil-age';
import { RequestLifecycle } from './lifecycle';
import { SupportCipher } from './support-cipher';
import {
  STATUSES,
  TransferRequest,
  TransferRequestPreference,
  TransferStatus,
} from './transfer-request.entity';
import {
  ActorRole,
  CreateTransferRequestDto,
  HistoryEntry,
  HistoryKind,
  TransferRequestDetail,
  TransferRequestListItem,
  TransferRequestPage,
  TransferRequestProposalRef,
  TransferRequestQueryDto,
  TransferRequestSummary,
  TransferRequestSummaryQueryDto,
  UpdateTransferRequestDto,
  WithdrawDto,
} from './transfer-requests.dto';

export interface FieldProblem {
  field: string;
  message: string;
}

const invalid = (errors: FieldProblem[]) =>
  new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((e) => e.message).join('; '),
    errors,
  });

interface ListNames {
  /** School id → name (sending and receiving schools of the rows). */
  schools: Map<string, string>;
  /** Request id → the receiving school's id (open proposal or place). */
  receiving: Map<string, string>;
}

/** Audit actions on a request that are steps in its history (reads are not). */
const HISTORY_ACTIONS: Record<string, { kind: HistoryKind; status?: TransferStatus }> = {
  create: { kind: 'created', status: 'draft' },
  update: { kind: 'updated', status: 'draft' },
  'preferences.extend': { kind: 'list.extended' },
  submit: { kind: 'submitted', status: 'submitted' },
  'submit.late': { kind: 'submitted', status: 'submitted' },
  withdraw: { kind: 'withdrawn', status: 'withdrawn' },
  'round.proposed': { kind: 'proposed', status: 'proposed' },
  'round.mediation': { kind: 'mediation', status: 'mediation' },
  'mediation.open': { kind: 'mediation.opened' },
  'proposal.accept': { kind: 'placed', status: 'placed' },
  'proposal.decline': { kind: 'returned', status: 'submitted' },
  'mediation.place': { kind: 'placed', status: 'placed' },
  'mediation.place.over-capacity': { kind: 'placed', status: 'placed' },
  'mediation.withdraw': { kind: 'withdrawn', status: 'withdrawn' },
};

/** What lists show: no justification, no support needs, no postcode. */
export function listItem(r: TransferRequest, names?: ListNames): TransferRequestListItem {
  const preferences = [...(r.preferences ?? [])]
    .sort((a, b) => a.rank - b.rank)
    .map((p) => p.schoolId);
  const receivingSchoolId = names?.receiving.get(r.id) ?? null;
  return {
    id: r.id,
    seasonId: r.seasonId,
    sendingSchoolId: r.sendingSchoolId,
    sendingSchoolName: (r.sendingSchoolId && names?.schools.get(r.sendingSchoolId)) || null,
    firstName: r.firstName,
    lastName: r.lastName,
    dateOfBirth: r.dateOfBirth,
    currentGrade: r.currentGrade,
    currentLevel: r.currentLevel,
    requestedGrade: r.requestedGrade,
    requestedLevel: r.requestedLevel,
    requestedProfile: r.requestedProfile,
    reason: r.reason,
    status: r.status,
    placedOfferId: r.placedOfferId,
    receivingSchoolId,
    receivingSchoolName: (receivingSchoolId && names?.schools.get(receivingSchoolId)) || null,
    preferences,
    preferenceCount: preferences.length,
    updatedAt: r.updatedAt,
  };
}

@Injectable()
export class TransferRequestsService {
  private readonly cipher: SupportCipher;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seasons: SeasonsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly proposals: ProposalsService,
    private readonly lifecycle: RequestLifecycle,
    private readonly access: AccessService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.cipher = new SupportCipher(config.get('SUPPORT_KEYS', { infer: true }));
  }

  async create(user: AuthUser, dto: CreateTransferRequestDto) {
    const season = await this.seasons.get(user, dto.seasonId);
    if (ownSchools(user) && !dto.sendingSchoolId) {
      throw invalid([
        { field: 'sendingSchoolId', message: 'sendingSchoolId: vul de school van herkomst in' },
      ]);
    }
    if (dto.sendingSchoolId) {
      await this.access.requireAccess(user, 'school.act', [dto.sendingSchoolId]);
      await this.schoolsInRegion(user, [dto.sendingSchoolId], 'sendingSchoolId');
    }
    const problems = [
      ...birthProblems(dto.dateOfBirth),
      ...this.levelProblems(dto),
      ...(await this.preferenceProblems(user, dto.preferences ?? [], dto.sendingSchoolId)),
    ];
    if (problems.length) throw invalid(problems);

    return this.db.transaction(async (m) => {
      const saved = await m.getRepository(TransferRequest).save({
        regionId: user.regionId,
        seasonId: season.id,
        sendingSchoolId: dto.sendingSchoolId ?? null,
        firstName: dto.firstName,
        lastName: dto.lastName,
        dateOfBirth: dto.dateOfBirth,
        postcode: dto.postcode,
        currentGrade: dto.currentGrade,
        currentLevel: dto.currentLevel,
        requestedGrade: dto.requestedGrade,
        requestedLevel: dto.requestedLevel,
        requestedProfile: dto.requestedProfile ?? '',
        reason: dto.reason,
        justification: dto.justification ?? '',
        supportCategories: dto.supportCategories ?? [],
        supportNeedsEnc: dto.supportNeeds ? this.cipher.encrypt(dto.supportNeeds) : null,
        consentBy: dto.consentBy ?? null,
        consentRecordedAt: dto.consentBy ? new Date() : null,
        createdBy: user.id,
        preferences: (dto.preferences ?? []).map((schoolId, i) => ({ rank: i + 1, schoolId })),
      });
      await this.audit.record(user, this.event(saved, 'create'), m);
      return this.detailOf(saved.id, m);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateTransferRequestDto) {
    return this.db.transaction(async (m) => {
      const r = await this.lockForWrite(user, id, m);
      if (r.status !== 'draft') {
        if (await this.mayExtend(m, r)) return this.extend(user, r, dto, m);
        throw new ConflictException(
          `Alleen een concept kan worden gewijzigd (status: ${r.status})`,
        );
      }
      const merged = { ...r, ...dto } as CreateTransferRequestDto;
      const problems = [
        ...(dto.dateOfBirth !== undefined ? birthProblems(dto.dateOfBirth) : []),
        ...this.levelProblems(merged),
      ];
      if (dto.preferences)
        problems.push(
          ...(await this.preferenceProblems(user, dto.preferences, r.sendingSchoolId ?? undefined)),
        );
      if (problems.length) throw invalid(problems);
      const { supportNeeds, preferences, consentBy, ...plain } = dto;
      Object.assign(r, plain);
      if (supportNeeds !== undefined)
        r.supportNeedsEnc = supportNeeds ? this.cipher.encrypt(supportNeeds) : null;
      if (consentBy !== undefined) {
        // null withdraws the recorded consent (it was recorded as given, at now, before).
        r.consentBy = consentBy;
        r.consentRecordedAt = consentBy ? new Date() : null;
      }
      await m.getRepository(TransferRequest).save(r);
      if (preferences) {
        await m.getRepository(TransferRequestPreference).delete({ requestId: r.id });
        await m
          .getRepository(TransferRequestPreference)
          .insert(preferences.map((schoolId, i) => ({ requestId: r.id, rank: i + 1, schoolId })));
      }
      await this.audit.record(user, this.event(r, 'update'), m);
      return this.detailOf(r.id, m);
    });
  }

  /**
   * A pupil a round could not place (in mediation, or back in `submitted` after a decline, with an
   * open mediation case or a school that declined them) may get schools added to the list.
   */
  private async mayExtend(m: EntityManager, r: TransferRequest): Promise<boolean> {
    if (r.status === 'mediation') return true;
    if (r.status !== 'submitted') return false;
    const [row]: { returned: boolean }[] = await m.query(
      `select exists (select 1 from request_exclusions where request_id = $1)
           or exists (select 1 from mediation_cases where request_id = $1 and status = 'open')
           as returned`,
      [r.id],
    );
    return row.returned;
  }

  /**
   * Adds schools to the end of the list: the earlier preferences keep their order, schools that
   * declined the pupil stay out, nothing else of the form changes. An open mediation case stays
   * open and records that the list was extended.
   */
  private async extend(
    user: AuthUser,
    r: TransferRequest,
    dto: UpdateTransferRequestDto,
    m: EntityManager,
  ): Promise<TransferRequestDetail> {
    const other = Object.entries(dto)
      .filter(([k, v]) => k !== 'preferences' && v !== undefined)
      .map(([k]) => k);
    if (other.length)
      throw new ConflictException(
        `In status '${r.status}' kunnen alleen scholen aan de voorkeurslijst worden toegevoegd; niet te wijzigen: ${other.join(', ')}`,
      );
    const wanted = dto.preferences;
    if (!wanted)
      throw invalid([
        {
          field: 'preferences',
          message: 'preferences: geef de voorkeurslijst met de toegevoegde scholen',
        },
      ]);
    const current = (
      await m
        .getRepository(TransferRequestPreference)
        .find({ where: { requestId: r.id }, order: { rank: 'ASC' } })
    ).map((p) => p.schoolId);
    if (current.some((id, i) => wanted[i] !== id))
      throw invalid([
        {
          field: 'preferences',
          message:
            'preferences: de eerdere voorkeuren blijven in dezelfde volgorde bovenaan staan; voeg scholen alleen onderaan toe',
        },
      ]);
    const added = wanted.slice(current.length);
    if (!added.length)
      throw invalid([
        { field: 'preferences', message: 'preferences: voeg minstens één school toe' },
      ]);
    const problems = await this.preferenceProblems(user, wanted, r.sendingSchoolId ?? undefined);
    const declined: { school_id: string; name: string }[] = await m.query(
      `select e.school_id, s.name from request_exclusions e join schools s on s.id = e.school_id
        where e.request_id = $1 and e.school_id = any($2::uuid[])`,
      [r.id, added],
    );
    added.forEach((id, j) => {
      const d = declined.find((x) => x.school_id === id);
      if (d)
        problems.push({
          field: `preferences[${current.length + j}]`,
          message: `preferences[${current.length + j}]: ${d.name} heeft deze leerling eerder afgewezen en kan niet opnieuw worden gekozen`,
        });
    });
    if (!problems.length) {
      const teaching = await this.teachingProblems(m, r, added);
      problems.push(
        ...teaching.map((p) => {
          const i = Number(/\[(\d+)\]/.exec(p.field)?.[1] ?? 0) + current.length;
          return {
            field: `preferences[${i}]`,
            message: p.message.replace(/^preferences\[\d+\]/, `preferences[${i}]`),
          };
        }),
      );
    }
    if (problems.length) throw invalid(problems);
    await m
      .getRepository(TransferRequestPreference)
      .insert(
        added.map((schoolId, j) => ({ requestId: r.id, rank: current.length + j + 1, schoolId })),
      );
    await m.query(`update transfer_requests set updated_at = now() where id = $1`, [r.id]);
    await m.query(
      `update mediation_cases set list_extended_at = now(), updated_at = now()
        where request_id = $1 and status = 'open'`,
      [r.id],
    );
    await this.audit.record(user, this.event(r, 'preferences.extend'), m);
    return this.detailOf(r.id, m);
  }

  /** Submitting needs consent, a justification and valid preferences; each wrong one is named. */
  async submit(user: AuthUser, id: string) {
    return this.db.transaction(async (m) => {
      const r = await this.lockForWrite(user, id, m);
      this.lifecycle.ensureCan(r, 'submit');
      const season = await m
        .getRepository(Season)
        .findOneByOrFail({ id: r.seasonId, regionId: r.regionId });
      const entry = entryDecision(season, todayIso(), user.role);
      if (!entry.ok) throw new ConflictException(entry.message);
      const problems: FieldProblem[] = [];
      if (!r.consentRecordedAt)
        problems.push({
          field: 'consentBy',
          message: 'consentBy: de toestemming van ouders/leerling is niet vastgelegd',
        });
      if (!r.justification.trim())
        problems.push({
          field: 'justification',
          message: 'justification: de onderbouwing ontbreekt',
        });
      const prefs = await m
        .getRepository(TransferRequestPreference)
        .find({ where: { requestId: r.id }, order: { rank: 'ASC' } });
      if (!prefs.length)
        problems.push({
          field: 'preferences',
          message: 'preferences: geef minstens één voorkeursschool op',
        });
      problems.push(
        ...(await this.teachingProblems(
          m,
          r,
          prefs.map((p) => p.schoolId),
        )),
      );
      if (problems.length) throw invalid(problems);
      const again = r.status === 'mediation';
      await this.lifecycle.apply(m, user, r, entry.late ? 'submit.late' : 'submit', {
        // A pupil submitted again for the next round keeps a late mark it had.
        lateEntry: again ? r.lateEntry || entry.late : entry.late,
      });
      return this.detailOf(r.id, m);
    });
  }

  async withdraw(user: AuthUser, id: string, dto: WithdrawDto) {
    const { detail, emails } = await this.db.transaction(async (m) => {
      const r = await this.lockForWrite(user, id, m);
      this.lifecycle.ensureCan(r, 'withdraw');
      // The request row is locked (lockForWrite), as lapsePending expects.
      const emails = r.status === 'proposed' ? await this.proposals.lapsePending(m, r.id) : [];
      await this.lifecycle.apply(m, user, r, 'withdraw', { withdrawalReason: dto.reason });
      return { detail: await this.detailOf(r.id, m), emails };
    });
    // E-mails only for committed notices.
    await this.notifications.enqueueEmails(emails);
    return detail;
  }

  async get(user: AuthUser, id: string) {
    const detail = await this.detailOf(id, this.db.manager, user);
    await this.audit.record(user, {
      entity: 'transfer_request',
      entityId: id,
      action: 'read',
      schoolId: detail.sendingSchoolId,
    });
    return detail;
  }

  async list(user: AuthUser, q: TransferRequestQueryDto): Promise<TransferRequestPage> {
    const scope = requestListScope(user);
    // The preferences in a query of their own: joined, TypeORM pages with a DISTINCT over the
    // join first and builds every joined row (bench:load, issue 20 point 9).
    const qb = this.db
      .getRepository(TransferRequest)
      .createQueryBuilder('tr')
      .where(scope.sql, scope.params)
      .orderBy('tr.lastName')
      .addOrderBy('tr.firstName')
      .addOrderBy('tr.id');
    if (q.seasonId) qb.andWhere('tr.season_id = :season', { season: q.seasonId });
    if (q.status?.length) qb.andWhere('tr.status in (:...statuses)', { statuses: q.status });
    if (q.grade) qb.andWhere('tr.requested_grade = :grade', { grade: q.grade });
    if (q.level) qb.andWhere('tr.requested_level = :level', { level: q.level });
    if (q.schoolId) qb.andWhere('tr.sending_school_id = :school', { school: q.schoolId });
    const text = q.q?.trim().replace(/\s+/g, ' ');
    if (text) {
      // The search text is literal: % and _ match themselves, not any text.
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const conditions = [
        'tr.first_name ilike :like',
        'tr.last_name ilike :like',
        "(tr.first_name || ' ' || tr.last_name) ilike :like",
      ];
      // The dossiernummer: the start of the id (at least 4 hex characters).
      const idPrefix = /^[0-9a-f-]{4,36}$/i.test(text) ? `${text.toLowerCase()}%` : null;
      if (idPrefix) conditions.push('tr.id::text like :idPrefix');
      qb.andWhere(`(${conditions.join(' or ')})`, { like, idPrefix });
    }
    const [items, total] = await qb.skip(PageQuery.offset(q)).take(q.limit).getManyAndCount();
    const preferences = items.length
      ? await this.db
          .getRepository(TransferRequestPreference)
          .findBy({ requestId: In(items.map((r) => r.id)) })
      : [];
    for (const r of items) r.preferences = preferences.filter((p) => p.requestId === r.id);
    await this.audit.recordMany(
      user,
      items.map((r) => ({ ...this.event(r, 'list') })),
    );
    const names = await this.namesFor(items, this.db.manager);
    return {
      items: items.map((r) => listItem(r, names)),
      total,
      page: q.page,
      limit: q.limit,
    };
  }

  /** Counts per status in the caller's scope (a coordinator: own schools), for the start page. */
  async summary(
    user: AuthUser,
    q: TransferRequestSummaryQueryDto,
  ): Promise<TransferRequestSummary> {
    if (q.seasonId) await this.seasons.get(user, q.seasonId);
    if (q.schoolId) {
      await this.access.requireAccess(user, 'school.act', [q.schoolId]);
      await this.schoolsInRegion(user, [q.schoolId], 'schoolId');
    }
    const scope = requestListScope(user);
    const qb = this.db
      .getRepository(TransferRequest)
      .createQueryBuilder('tr')
      .select('tr.status', 'status')
      .addSelect('count(*)::int', 'n')
      .where(scope.sql, scope.params)
      .groupBy('tr.status');
    if (q.seasonId) qb.andWhere('tr.season_id = :season', { season: q.seasonId });
    if (q.schoolId) qb.andWhere('tr.sending_school_id = :school', { school: q.schoolId });
    const rows = await qb.getRawMany<{ status: TransferStatus; n: number }>();
    const counts = Object.fromEntries(STATUSES.map((st) => [st, 0])) as Record<
      TransferStatus,
      number
    >;
    for (const r of rows) counts[r.status] = Number(r.n);
    return {
      seasonId: q.seasonId ?? null,
      schoolId: q.schoolId ?? null,
      total: rows.reduce((sum, r) => sum + Number(r.n), 0),
      counts,
    };
  }

  /**
   * The pupil's history, oldest first: status changes from the audit log and the proposals with
   * the receiving school's name. Roles only, never staff names; never the support needs.
   */
  async history(user: AuthUser, id: string): Promise<HistoryEntry[]> {
    const r = await this.findVisible(user, id);
    const audit: { at: Date; action: string; role: ActorRole | null; seq: string }[] =
      await this.db.query(
        `select at, action, role, id as seq from audit_log
          where region_id = $1 and entity = 'transfer_request' and entity_id = $2
            and action = any($3::text[])
          order by at, id`,
        [user.regionId, id, Object.keys(HISTORY_ACTIONS)],
      );
    const proposals: {
      created_at: Date;
      responded_at: Date | null;
      overdue_notified_at: Date | null;
      status: ProposalStatus;
      decline_reason: DeclineReason | null;
      school_name: string;
    }[] = await this.db.query(
      `select p.created_at, p.responded_at, p.overdue_notified_at, p.status, p.decline_reason,
              s.name as school_name
         from proposals p join schools s on s.id = p.school_id
        where p.region_id = $1 and p.request_id = $2
        order by p.created_at, p.id`,
      [user.regionId, id],
    );
    const placedSchool = r.placedOfferId
      ? ((
          await this.db.query(
            `select s.name from offers o join schools s on s.id = o.school_id where o.id = $1`,
            [r.placedOfferId],
          )
        )[0]?.name as string | undefined)
      : undefined;
    // When the form was withdrawn: the moment an open proposal lapsed (it has no time of its own).
    const withdrawnAt = audit.find(
      (a) => a.action === 'withdraw' || a.action === 'mediation.withdraw',
    )?.at;

    const out: (HistoryEntry & { order: number })[] = [];
    audit.forEach((a, i) => {
      const { kind, status } = HISTORY_ACTIONS[a.action];
      const entry: HistoryEntry & { order: number } = {
        at: new Date(a.at),
        kind,
        actorRole: a.role ?? 'system',
        order: i,
      };
      if (status) entry.status = status;
      if (kind === 'placed' && placedSchool) entry.schoolName = placedSchool;
      out.push(entry);
    });
    let order = audit.length;
    for (const p of proposals) {
      const base = { schoolName: p.school_name };
      out.push({
        at: new Date(p.created_at),
        kind: 'proposal.created',
        actorRole: 'system',
        ...base,
        order: order++,
      });
      if (p.overdue_notified_at) {
        out.push({
          at: new Date(p.overdue_notified_at),
          kind: 'proposal.overdue',
          actorRole: 'system',
          ...base,
          order: order++,
        });
      }
      if (p.status === 'accepted' && p.responded_at) {
        out.push({
          at: new Date(p.responded_at),
          kind: 'proposal.accepted',
          actorRole: 'coordinator',
          ...base,
          order: order++,
        });
      } else if (p.status === 'declined' && p.responded_at) {
        out.push({
          at: new Date(p.responded_at),
          kind: 'proposal.declined',
          actorRole: 'coordinator',
          ...base,
          ...(p.decline_reason ? { reason: p.decline_reason } : {}),
          order: order++,
        });
      } else if (p.status === 'withdrawn') {
        out.push({
          at: new Date(p.responded_at ?? withdrawnAt ?? p.created_at),
          kind: 'proposal.lapsed',
          ...base,
          order: order++,
        });
      }
    }
    // Steps of one transaction share a time: the proposal before the status it caused, the
    // status change before the proposal that lapsed with it.
    const tie = (k: HistoryKind) =>
      k === 'proposal.lapsed' ? 2 : k.startsWith('proposal.') ? 0 : 1;
    out.sort(
      (a, b) => a.at.getTime() - b.at.getTime() || tie(a.kind) - tie(b.kind) || a.order - b.order,
    );
    await this.audit.record(user, this.event(r, 'history.read'));
    return out.map(({ order: _order, ...e }) => e);
  }

  /** School names for a page of requests: the sending school and, when proposed or placed, the receiving one. */
  private async namesFor(rows: TransferRequest[], m: EntityManager): Promise<ListNames> {
    const names: ListNames = { schools: new Map(), receiving: new Map() };
    if (!rows.length) return names;
    const proposed = rows.filter((r) => r.status === 'proposed').map((r) => r.id);
    const placed = rows.filter((r) => r.placedOfferId).map((r) => r.placedOfferId as string);
    const receiving: { request_id: string; school_id: string }[] = [
      ...(proposed.length
        ? await m.query(
            `select request_id, school_id from proposals
              where request_id = any($1::uuid[]) and status = 'pending'`,
            [proposed],
          )
        : []),
      ...(placed.length
        ? await m.query(
            `select tr.id as request_id, o.school_id
               from transfer_requests tr join offers o on o.id = tr.placed_offer_id
              where tr.placed_offer_id = any($1::uuid[]) and tr.id = any($2::uuid[])`,
            [placed, rows.map((r) => r.id)],
          )
        : []),
    ];
    for (const x of receiving) names.receiving.set(x.request_id, x.school_id);
    const ids = new Set<string>(receiving.map((x) => x.school_id));
    for (const r of rows) if (r.sendingSchoolId) ids.add(r.sendingSchoolId);
    const schools = ids.size
      ? await m.getRepository(School).find({
          where: { id: In([...ids]) },
          select: { id: true, name: true },
        })
      : [];
    for (const s of schools) names.schools.set(s.id, s.name);
    return names;
  }

  // ---- helpers

  private event(r: TransferRequest, action: string) {
    return { entity: 'transfer_request', entityId: r.id, action, schoolId: r.sendingSchoolId };
  }

  /** A row the caller may see, or 404 (also for another region or another school's pupil). */
  private async findVisible(
    user: AuthUser,
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<TransferRequest> {
    await this.access.requireAccess(user, 'request.read', [id], m);
    return m.getRepository(TransferRequest).findOneByOrFail({ id });
  }

  /** Only the sending school (or an advisor/admin) changes a request; the row is locked. */
  private async lockForWrite(
    user: AuthUser,
    id: string,
    m: EntityManager,
  ): Promise<TransferRequest> {
    await this.access.requireAccess(user, 'request.update', [id], m);
    return m
      .getRepository(TransferRequest)
      .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The form in full; with `visibleTo`, 404 unless that caller may see it. */
  private async detailOf(
    id: string,
    m: EntityManager,
    visibleTo?: AuthUser,
  ): Promise<TransferRequestDetail> {
    const qb = m
      .getRepository(TransferRequest)
      .createQueryBuilder('tr')
      .addSelect('tr.supportNeedsEnc')
      .leftJoinAndSelect('tr.preferences', 'p')
      .where('tr.id = :id', { id });
    if (visibleTo) await this.access.requireAccess(visibleTo, 'request.read', [id], m);
    const r = await qb.getOne();
    if (!r) throw new NotFoundException('Aanvraag niet gevonden');
    return {
      ...listItem(r, await this.namesFor([r], m)),
      postcode: r.postcode,
      justification: r.justification,
      supportCategories: r.supportCategories,
      consentBy: r.consentBy as TransferRequestDetail['consentBy'],
      supportNeeds: r.supportNeedsEnc ? this.cipher.decrypt(r.supportNeedsEnc) : null,
      consentRecordedAt: r.consentRecordedAt,
      withdrawalReason: r.withdrawalReason,
      submittedAt: r.submittedAt,
      lateEntry: r.lateEntry,
      createdAt: r.createdAt,
      proposals: await this.proposalsOf(r, m),
    };
  }

  /** The proposals rounds made for this form, oldest first (ids to follow, the school's name). */
  private async proposalsOf(
    r: TransferRequest,
    m: EntityManager,
  ): Promise<TransferRequestProposalRef[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `select p.id, p.round_id, p.offer_id, p.school_id, s.name as school_name, o.grade::int as grade,
              o.level, o.profile, p.status, p.respond_by::text as respond_by, p.created_at
         from proposals p
         join schools s on s.id = p.school_id
         join offers o on o.id = p.offer_id
        where p.region_id = $1 and p.request_id = $2
        order by p.created_at, p.id`,
      [r.regionId, r.id],
    );
    return rows.map((p) => ({
      id: String(p.id),
      roundId: String(p.round_id),
      offerId: String(p.offer_id),
      schoolId: String(p.school_id),
      schoolName: String(p.school_name),
      grade: Number(p.grade),
      level: p.level as TransferRequestProposalRef['level'],
      profile: String(p.profile ?? ''),
      status: p.status as ProposalStatus,
      respondBy: String(p.respond_by),
      createdAt: p.created_at as Date,
    }));
  }

  private levelProblems(
    dto: Pick<
      CreateTransferRequestDto,
      'currentGrade' | 'currentLevel' | 'requestedGrade' | 'requestedLevel'
    >,
  ): FieldProblem[] {
    const out: FieldProblem[] = [];
    const cur = gradeLevelError(dto.currentGrade, dto.currentLevel);
    if (cur) out.push({ field: 'currentLevel', message: `currentGrade/currentLevel: ${cur}` });
    const req = gradeLevelError(dto.requestedGrade, dto.requestedLevel);
    if (req)
      out.push({ field: 'requestedLevel', message: `requestedGrade/requestedLevel: ${req}` });
    return out;
  }

  private async preferenceProblems(
    user: AuthUser,
    prefs: string[],
    sendingSchoolId?: string,
  ): Promise<FieldProblem[]> {
    const out: FieldProblem[] = [];
    const seen = new Set<string>();
    prefs.forEach((id, i) => {
      if (seen.has(id))
        out.push({
          field: `preferences[${i}]`,
          message: `preferences[${i}]: school ${id} staat er al eerder in`,
        });
      seen.add(id);
      if (id === sendingSchoolId)
        out.push({
          field: `preferences[${i}]`,
          message: `preferences[${i}]: de eigen school kan geen voorkeur zijn`,
        });
    });
    const found = await this.db
      .getRepository(School)
      .findBy({ id: In([...seen]), regionId: user.regionId });
    prefs.forEach((id, i) => {
      if (!found.some((s) => s.id === id))
        out.push({
          field: `preferences[${i}]`,
          message: `preferences[${i}]: school ${id} bestaat niet in deze regio`,
        });
    });
    return out;
  }

  /**
   * Each preferred school must teach the requested niveau (it is in the school's levels). Whether
   * it has entered free places yet does not matter: schools enter them in the last week of the
   * school year, after the forms are due; a round skips a school without a place (and its
   * explanation says so).
   */
  private async teachingProblems(
    m: EntityManager,
    r: TransferRequest,
    prefs: string[],
  ): Promise<FieldProblem[]> {
    if (!prefs.length) return [];
    const schools = await m.getRepository(School).findBy({ id: In(prefs), regionId: r.regionId });
    const out: FieldProblem[] = [];
    prefs.forEach((id, i) => {
      const school = schools.find((s) => s.id === id);
      if (!school)
        out.push({
          field: `preferences[${i}]`,
          message: `preferences[${i}]: school ${id} bestaat niet in deze regio`,
        });
      else if (!school.levels.includes(r.requestedLevel))
        out.push({
          field: `preferences[${i}]`,
          message: `preferences[${i}]: ${school.name} heeft geen ${r.requestedLevel}; kies een school die leerjaar ${r.requestedGrade} ${r.requestedLevel} kan bieden`,
        });
    });
    return out;
  }

  private async schoolsInRegion(user: AuthUser, ids: string[], field: string): Promise<void> {
    const n = await this.db.getRepository(School).countBy({ id: In(ids), regionId: user.regionId });
    if (n !== ids.length)
      throw invalid([{ field, message: `${field}: school bestaat niet in deze regio` }]);
  }
}

function birthProblems(dateOfBirth: string): FieldProblem[] {
  const message = birthDateError(dateOfBirth, todayIso());
  return message ? [{ field: 'dateOfBirth', message }] : [];
}
