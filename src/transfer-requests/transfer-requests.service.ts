import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AccessService, ownSchools, requestListScope } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { gradeLevelError } from '../common/levels';
import { ProposalsRepository } from '../proposals/proposals.repository';
import { ProposalsService } from '../proposals/proposals.service';
import { todayIso } from '../seasons/calendar';
import { SeasonsService } from '../seasons/seasons.service';
import { entryDecision } from './entry-window';
import { birthDateError } from './pupil-age';
import { RequestLifecycle } from './lifecycle';
import { SupportCipher } from './support-cipher';
import { STATUSES, TransferRequest, TransferStatus } from './transfer-request.entity';
import {
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
import { TransferRequestsRepository } from './transfer-requests.repository';

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
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: TransferRequestsRepository,
    private readonly proposalRows: ProposalsRepository,
    private readonly seasons: SeasonsService,
    private readonly audit: AuditService,
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

    return this.txHost.withTransaction(async () => {
      const saved = await this.repo.create({
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
      await this.audit.record(user, this.event(saved, 'create'));
      return this.detailOf(saved.id);
    });
  }

  @Transactional()
  async update(user: AuthUser, id: string, dto: UpdateTransferRequestDto) {
    const r = await this.lockForWrite(user, id);
    if (r.status !== 'draft') {
      if (await this.mayExtend(r)) return this.extend(user, r, dto);
      throw new ConflictException(`Alleen een concept kan worden gewijzigd (status: ${r.status})`);
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
    await this.repo.save(r);
    if (preferences) await this.repo.replacePreferences(r.id, preferences);
    await this.audit.record(user, this.event(r, 'update'));
    return this.detailOf(r.id);
  }

  /**
   * A pupil a round could not place (in mediation, or back in `submitted` after a decline, with an
   * open mediation case or a school that declined them) may get schools added to the list.
   */
  private async mayExtend(r: TransferRequest): Promise<boolean> {
    if (r.status === 'mediation') return true;
    if (r.status !== 'submitted') return false;
    return this.repo.wasReturned(r.id);
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
    const current = await this.repo.preferencesOf(r.id);
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
    const declined = await this.repo.declinedBy(r.id, added);
    added.forEach((id, j) => {
      const d = declined.find((x) => x.school_id === id);
      if (d)
        problems.push({
          field: `preferences[${current.length + j}]`,
          message: `preferences[${current.length + j}]: ${d.name} heeft deze leerling eerder afgewezen en kan niet opnieuw worden gekozen`,
        });
    });
    if (!problems.length) {
      const teaching = await this.teachingProblems(r, added);
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
    await this.repo.addPreferences(r.id, current.length, added);
    await this.repo.touch(r.id);
    await this.repo.noteListExtended(r.id);
    await this.audit.record(user, this.event(r, 'preferences.extend'));
    return this.detailOf(r.id);
  }

  /** Submitting needs consent, a justification and valid preferences; each wrong one is named. */
  @Transactional()
  async submit(user: AuthUser, id: string) {
    const r = await this.lockForWrite(user, id);
    this.lifecycle.ensureCan(r, 'submit');
    const season = await this.repo.seasonOf(r);
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
    const prefs = await this.repo.preferencesOf(r.id);
    if (!prefs.length)
      problems.push({
        field: 'preferences',
        message: 'preferences: geef minstens één voorkeursschool op',
      });
    problems.push(...(await this.teachingProblems(r, prefs)));
    if (problems.length) throw invalid(problems);
    const again = r.status === 'mediation';
    await this.lifecycle.apply(user, r, entry.late ? 'submit.late' : 'submit', {
      // A pupil submitted again for the next round keeps a late mark it had.
      lateEntry: again ? r.lateEntry || entry.late : entry.late,
    });
    return this.detailOf(r.id);
  }

  /** The notice of a lapsed proposal is e-mailed once the withdrawal commits (Outbox). */
  @Transactional()
  async withdraw(user: AuthUser, id: string, dto: WithdrawDto) {
    const r = await this.lockForWrite(user, id);
    this.lifecycle.ensureCan(r, 'withdraw');
    // The request row is locked (lockForWrite), as lapsePending expects.
    if (r.status === 'proposed') await this.proposals.lapsePending(r.id);
    await this.lifecycle.apply(user, r, 'withdraw', {
      withdrawalReason: dto.reason,
    });
    return this.detailOf(r.id);
  }

  async get(user: AuthUser, id: string) {
    const detail = await this.detailOf(id, user);
    await this.audit.record(user, {
      entity: 'transfer_request',
      entityId: id,
      action: 'read',
      schoolId: detail.sendingSchoolId,
    });
    return detail;
  }

  async list(user: AuthUser, q: TransferRequestQueryDto): Promise<TransferRequestPage> {
    const [items, total] = await this.repo.page(requestListScope(user), q);
    await this.audit.recordMany(
      user,
      items.map((r) => ({ ...this.event(r, 'list') })),
    );
    const names = await this.namesFor(items);
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
    const rows = await this.repo.countByStatus(requestListScope(user), q.seasonId, q.schoolId);
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
    const audit = await this.repo.auditSteps(user.regionId, id, Object.keys(HISTORY_ACTIONS));
    const proposals = await this.proposalRows.ofRequest(user.regionId, id);
    const placedSchool = r.placedOfferId
      ? await this.repo.schoolNameOfOffer(r.placedOfferId)
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
      const base = { schoolName: p.schoolName };
      out.push({
        at: new Date(p.createdAt),
        kind: 'proposal.created',
        actorRole: 'system',
        ...base,
        order: order++,
      });
      if (p.overdueNotifiedAt) {
        out.push({
          at: new Date(p.overdueNotifiedAt),
          kind: 'proposal.overdue',
          actorRole: 'system',
          ...base,
          order: order++,
        });
      }
      if (p.status === 'accepted' && p.respondedAt) {
        out.push({
          at: new Date(p.respondedAt),
          kind: 'proposal.accepted',
          actorRole: 'coordinator',
          ...base,
          order: order++,
        });
      } else if (p.status === 'declined' && p.respondedAt) {
        out.push({
          at: new Date(p.respondedAt),
          kind: 'proposal.declined',
          actorRole: 'coordinator',
          ...base,
          ...(p.declineReason ? { reason: p.declineReason } : {}),
          order: order++,
        });
      } else if (p.status === 'withdrawn') {
        out.push({
          at: new Date(p.respondedAt ?? withdrawnAt ?? p.createdAt),
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
  private async namesFor(rows: TransferRequest[]): Promise<ListNames> {
    const names: ListNames = { schools: new Map(), receiving: new Map() };
    if (!rows.length) return names;
    const proposed = rows.filter((r) => r.status === 'proposed').map((r) => r.id);
    const placed = rows.filter((r) => r.placedOfferId).map((r) => r.placedOfferId as string);
    const receiving = [
      ...(await this.proposalRows.openProposalSchools(proposed)),
      ...(await this.repo.placedSchools(
        rows.map((r) => r.id),
        placed,
      )),
    ];
    for (const x of receiving) names.receiving.set(x.request_id, x.school_id);
    const ids = new Set<string>(receiving.map((x) => x.school_id));
    for (const r of rows) if (r.sendingSchoolId) ids.add(r.sendingSchoolId);
    const schools = await this.repo.schoolNames([...ids]);
    for (const s of schools) names.schools.set(s.id, s.name);
    return names;
  }

  // ---- helpers

  private event(r: TransferRequest, action: string) {
    return { entity: 'transfer_request', entityId: r.id, action, schoolId: r.sendingSchoolId };
  }

  /** A row the caller may see, or 404 (also for another region or another school's pupil). */
  private async findVisible(user: AuthUser, id: string): Promise<TransferRequest> {
    await this.access.requireAccess(user, 'request.read', [id]);
    return this.repo.findById(id);
  }

  /** Only the sending school (or an advisor/admin) changes a request; the row is locked. */
  private async lockForWrite(user: AuthUser, id: string): Promise<TransferRequest> {
    await this.access.requireAccess(user, 'request.update', [id]);
    return this.lifecycle.lock(id);
  }

  /** The form in full; with `visibleTo`, 404 unless that caller may see it. */
  private async detailOf(id: string, visibleTo?: AuthUser): Promise<TransferRequestDetail> {
    if (visibleTo) await this.access.requireAccess(visibleTo, 'request.read', [id]);
    const r = await this.repo.withDetails(id);
    if (!r) throw new NotFoundException('Aanvraag niet gevonden');
    return {
      ...listItem(r, await this.namesFor([r])),
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
      proposals: await this.proposalsOf(r),
    };
  }

  /** The proposals rounds made for this form, oldest first (ids to follow, the school's name). */
  private async proposalsOf(r: TransferRequest): Promise<TransferRequestProposalRef[]> {
    const rows = await this.proposalRows.ofRequest(r.regionId, r.id);
    return rows.map((p) => ({
      id: p.id,
      roundId: p.roundId,
      offerId: p.offerId,
      schoolId: p.schoolId,
      schoolName: p.schoolName,
      grade: p.grade,
      level: p.level,
      profile: p.profile,
      status: p.status,
      respondBy: p.respondBy,
      createdAt: p.createdAt,
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
    const found = await this.repo.schoolsIn(user.regionId, [...seen]);
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
  private async teachingProblems(r: TransferRequest, prefs: string[]): Promise<FieldProblem[]> {
    if (!prefs.length) return [];
    const schools = await this.repo.schoolsIn(r.regionId, prefs);
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
    const found = await this.repo.schoolsIn(user.regionId, ids);
    if (found.length !== ids.length)
      throw invalid([{ field, message: `${field}: school bestaat niet in deze regio` }]);
  }
}

function birthProblems(dateOfBirth: string): FieldProblem[] {
  const message = birthDateError(dateOfBirth, todayIso());
  return message ? [{ field: 'dateOfBirth', message }] : [];
}
