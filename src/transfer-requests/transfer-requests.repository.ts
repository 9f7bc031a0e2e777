import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DeepPartial, In } from 'typeorm';
import { PageQuery } from '../common/pagination';
import { School } from '../schools/school.entity';
import { Season } from '../seasons/season.entity';
import {
  TransferRequest,
  TransferRequestPreference,
  TransferStatus,
} from './transfer-request.entity';
import { ActorRole, TransferRequestQueryDto } from './transfer-requests.dto';

/** A scope over alias `tr` with named parameters (access-rules requestListScope). */
export interface RequestScope {
  sql: string;
  params: Record<string, unknown>;
}

/** An audit entry on a request, for its history. */
export interface RequestAuditStep {
  at: Date;
  action: string;
  role: ActorRole | null;
  seq: string;
}

/**
 * The request form's SQL (issue 19 point 5), in the current transaction (TransactionHost). The
 * checks, the transitions (RequestLifecycle) and who may see what are TransferRequestsService's.
 */
@Injectable()
export class TransferRequestsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get requests() {
    return this.txHost.tx.getRepository(TransferRequest);
  }

  private get preferences() {
    return this.txHost.tx.getRepository(TransferRequestPreference);
  }

  /** Saves a new request with its preferences. */
  create(values: DeepPartial<TransferRequest>): Promise<TransferRequest> {
    return this.requests.save(values);
  }

  save(r: TransferRequest): Promise<TransferRequest> {
    return this.requests.save(r);
  }

  findById(id: string): Promise<TransferRequest> {
    return this.requests.findOneByOrFail({ id });
  }

  /** The request with its preferences and the encrypted support needs, or null. */
  withDetails(id: string): Promise<TransferRequest | null> {
    return this.requests
      .createQueryBuilder('tr')
      .addSelect('tr.supportNeedsEnc')
      .leftJoinAndSelect('tr.preferences', 'p')
      .where('tr.id = :id', { id })
      .getOne();
  }

  /**
   * A page of the requests in `scope` matching the filters, by name, with their preferences. The
   * search text is literal (% and _ match themselves); 4 to 36 hex characters also match the
   * start of the id (the dossiernummer).
   */
  async page(
    scope: RequestScope,
    q: TransferRequestQueryDto,
  ): Promise<[TransferRequest[], number]> {
    // The preferences in a query of their own: joined, TypeORM pages with a DISTINCT over the
    // join first and builds every joined row (bench:load, issue 20 point 9).
    const qb = this.requests
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
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const conditions = [
        'tr.first_name ilike :like',
        'tr.last_name ilike :like',
        "(tr.first_name || ' ' || tr.last_name) ilike :like",
      ];
      const idPrefix = /^[0-9a-f-]{4,36}$/i.test(text) ? `${text.toLowerCase()}%` : null;
      if (idPrefix) conditions.push('tr.id::text like :idPrefix');
      qb.andWhere(`(${conditions.join(' or ')})`, { like, idPrefix });
    }
    const [items, total] = await qb.skip(PageQuery.offset(q)).take(q.limit).getManyAndCount();
    const preferences = items.length
      ? await this.preferences.findBy({ requestId: In(items.map((r) => r.id)) })
      : [];
    for (const r of items) r.preferences = preferences.filter((p) => p.requestId === r.id);
    return [items, total];
  }

  /** How many requests in `scope` (of the season, of the sending school) have each status. */
  async countByStatus(
    scope: RequestScope,
    seasonId?: string,
    schoolId?: string,
  ): Promise<{ status: TransferStatus; n: number }[]> {
    const qb = this.requests
      .createQueryBuilder('tr')
      .select('tr.status', 'status')
      .addSelect('count(*)::int', 'n')
      .where(scope.sql, scope.params)
      .groupBy('tr.status');
    if (seasonId) qb.andWhere('tr.season_id = :season', { season: seasonId });
    if (schoolId) qb.andWhere('tr.sending_school_id = :school', { school: schoolId });
    return qb.getRawMany<{ status: TransferStatus; n: number }>();
  }

  /** The preferred schools' ids, first choice first. */
  async preferencesOf(requestId: string): Promise<string[]> {
    const rows = await this.preferences.find({ where: { requestId }, order: { rank: 'ASC' } });
    return rows.map((p) => p.schoolId);
  }

  async replacePreferences(requestId: string, schoolIds: string[]): Promise<void> {
    await this.preferences.delete({ requestId });
    await this.preferences.insert(
      schoolIds.map((schoolId, i) => ({ requestId, rank: i + 1, schoolId })),
    );
  }

  /** Adds schools after the first `after` preferences. */
  async addPreferences(requestId: string, after: number, schoolIds: string[]): Promise<void> {
    await this.preferences.insert(
      schoolIds.map((schoolId, j) => ({ requestId, rank: after + j + 1, schoolId })),
    );
  }

  async touch(requestId: string): Promise<void> {
    await this.txHost.tx.query(`update transfer_requests set updated_at = now() where id = $1`, [
      requestId,
    ]);
  }

  /** Whether a round returned the pupil: a school declined them, or a mediation case is open. */
  async wasReturned(requestId: string): Promise<boolean> {
    const [row]: { returned: boolean }[] = await this.txHost.tx.query(
      `select exists (select 1 from request_exclusions where request_id = $1)
           or exists (select 1 from mediation_cases where request_id = $1 and status = 'open')
           as returned`,
      [requestId],
    );
    return row.returned;
  }

  /** Which of these schools declined the pupil before, with their names. */
  declinedBy(
    requestId: string,
    schoolIds: string[],
  ): Promise<{ school_id: string; name: string }[]> {
    return this.txHost.tx.query(
      `select e.school_id, s.name from request_exclusions e join schools s on s.id = e.school_id
        where e.request_id = $1 and e.school_id = any($2::uuid[])`,
      [requestId, schoolIds],
    );
  }

  /** The request's open mediation case records that the list was extended. */
  async noteListExtended(requestId: string): Promise<void> {
    await this.txHost.tx.query(
      `update mediation_cases set list_extended_at = now(), updated_at = now()
        where request_id = $1 and status = 'open'`,
      [requestId],
    );
  }

  /** The request's season (of its region). */
  seasonOf(r: Pick<TransferRequest, 'seasonId' | 'regionId'>): Promise<Season> {
    return this.txHost.tx
      .getRepository(Season)
      .findOneByOrFail({ id: r.seasonId, regionId: r.regionId });
  }

  /** The schools of the region among these ids. */
  schoolsIn(regionId: string, ids: string[]): Promise<School[]> {
    return this.txHost.tx.getRepository(School).findBy({ id: In(ids), regionId });
  }

  /** Id and name of these schools. */
  schoolNames(ids: string[]): Promise<Pick<School, 'id' | 'name'>[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.txHost.tx.getRepository(School).find({
      where: { id: In(ids) },
      select: { id: true, name: true },
    });
  }

  /** The school each of these requests is placed at (by its placed offer). */
  placedSchools(
    requestIds: string[],
    offerIds: string[],
  ): Promise<{ request_id: string; school_id: string }[]> {
    if (!offerIds.length) return Promise.resolve([]);
    return this.txHost.tx.query(
      `select tr.id as request_id, o.school_id
         from transfer_requests tr join offers o on o.id = tr.placed_offer_id
        where tr.placed_offer_id = any($1::uuid[]) and tr.id = any($2::uuid[])`,
      [offerIds, requestIds],
    );
  }

  /** The name of the school an offer is of. */
  async schoolNameOfOffer(offerId: string): Promise<string | undefined> {
    const [row]: { name: string }[] = await this.txHost.tx.query(
      `select s.name from offers o join schools s on s.id = o.school_id where o.id = $1`,
      [offerId],
    );
    return row?.name;
  }

  /** The request's audit entries with these actions, oldest first. */
  auditSteps(regionId: string, requestId: string, actions: string[]): Promise<RequestAuditStep[]> {
    return this.txHost.tx.query(
      `select at, action, role, id as seq from audit_log
        where region_id = $1 and entity = 'transfer_request' and entity_id = $2
          and action = any($3::text[])
        order by at, id`,
      [regionId, requestId, actions],
    );
  }
}
