import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { CsvFile, csvFile, safeCell } from '../common/csv';
import { Page, PageQuery } from '../common/pagination';
import { Where } from '../common/sql-where';
import { fieldError } from '../common/validation';
import { todayIso } from '../seasons/calendar';
import { Role } from '../users/user.entity';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryView, AuditFilterDto, AuditQueryDto } from './audit.dto';

export interface AuditEvent {
  entity: string;
  entityId?: string | null;
  action: string;
  schoolId?: string | null;
}

/** At most this many rows in one CSV export; a longer period is refused (choose a shorter one). */
export const AUDIT_CSV_MAX_ROWS = 50_000;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'beheerder',
  advisor: 'onderwijsadviseur',
  coordinator: 'overstapcoördinator',
};
const SYSTEM = 'systeem';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SELECT = `
  select a.id, a.region_id, a.user_id, u.name as user_name, a.role, a.school_id,
         s.name as school_name, a.entity, a.entity_id, a.action, a.at,
         to_char(a.at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI:SS') as at_local
    from audit_log a
    left join users u on u.id = a.user_id
    left join schools s on s.id = a.school_id`;

type Row = Record<string, unknown>;

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * Records one event by the caller, in the current transaction (TransactionHost): it commits or
   * rolls back with the change it records.
   */
  async record(user: AuthUser, event: AuditEvent): Promise<void> {
    await this.recordMany(user, [event]);
  }

  /**
   * One statement with the events as arrays: a list read audits every row it shows (50 at a time),
   * and TypeORM's insert of as many entities took 5–15 ms a list (bench:load, issue 20 point 9);
   * this takes 2–6. Rows keep the events' order (ids ascend). In the current transaction, as
   * record.
   */
  async recordMany(user: AuthUser, events: AuditEvent[]): Promise<void> {
    if (!events.length) return;
    const own = user.schoolIds.length === 1 ? user.schoolIds[0] : null;
    await this.txHost.tx.query(
      `insert into audit_log (region_id, user_id, role, school_id, entity, entity_id, action)
       select $1, $2, $3::user_role, e.school_id, e.entity, e.entity_id, e.action
         from unnest($4::uuid[], $5::text[], $6::text[], $7::text[])
              with ordinality as e(school_id, entity, entity_id, action, n)
        order by e.n`,
      [
        user.regionId,
        user.id,
        user.role,
        events.map((e) => e.schoolId ?? own),
        events.map((e) => e.entity),
        events.map((e) => e.entityId ?? null),
        events.map((e) => e.action),
      ],
    );
  }

  /**
   * For events without a signed-in caller (a failed log-in). Never in the current transaction: a
   * refused log-in is recorded although the request fails.
   */
  async recordAnonymous(entry: Partial<AuditEntry> & { entity: string; action: string }) {
    await this.repo.insert(entry);
  }

  /** The region's log, newest first, with the actor's and the school's names. */
  async list(user: AuthUser, q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const w = this.where(user, q);
    const [{ total }] = await this.repo.query(
      `select count(*)::int as total from audit_log a ${w.sql}`,
      w.params,
    );
    const rows: Row[] = await this.repo.query(
      `${SELECT} ${w.sql} order by a.at desc, a.id desc
        offset ${PageQuery.offset(q)} limit ${q.limit}`,
      w.params,
    );
    return { items: rows.map(toView), total, page: q.page, limit: q.limit };
  }

  /**
   * The same selection as CSV for the office (Dutch headers, `;`, UTF-8 with BOM), newest first;
   * more than AUDIT_CSV_MAX_ROWS rows is refused (400), so an export is never silently cut short.
   * The export itself is audited.
   */
  async csv(user: AuthUser, q: AuditFilterDto): Promise<CsvFile> {
    const w = this.where(user, q);
    const rows: Row[] = await this.repo.query(
      `${SELECT} ${w.sql} order by a.at desc, a.id desc limit ${AUDIT_CSV_MAX_ROWS + 1}`,
      w.params,
    );
    if (rows.length > AUDIT_CSV_MAX_ROWS)
      throw fieldError(
        'from',
        `from: meer dan ${AUDIT_CSV_MAX_ROWS.toLocaleString('nl-NL')} regels; kies een kortere periode (from/to) of een filter`,
      );
    await this.record(user, { entity: 'audit_log', action: 'export' });
    return csvFile(`auditlog-${todayIso()}.csv`, [
      ['tijdstip', 'gebruiker', 'rol', 'school', 'object', 'id', 'actie'],
      ...rows.map((r) => {
        const v = toView(r);
        return [
          String(r.at_local),
          safeCell(v.userName ?? SYSTEM),
          v.roleLabel,
          safeCell(v.schoolName ?? ''),
          v.entity,
          v.entityId ?? '',
          v.action,
        ];
      }),
    ]);
  }

  /**
   * The filters as SQL over `a`, always the caller's region. A date without a time is a whole day
   * in Amsterdam: `from` from its start, `to` up to and including it; a moment is taken as is
   * (`to` exclusive).
   */
  private where(user: AuthUser, q: AuditFilterDto): Where {
    const w = new Where().add((n) => `a.region_id = ${n}`, user.regionId);
    if (q.entity) w.add((n) => `a.entity = ${n}`, q.entity);
    if (q.entityId) w.add((n) => `a.entity_id = ${n}`, q.entityId);
    if (q.requestId)
      // A pupil's trail: their form, and their mediation cases and proposals.
      w.add(
        (n) => `((a.entity = 'transfer_request' and a.entity_id = ${n}::text)
          or (a.entity = 'mediation_case' and a.entity_id in
               (select id::text from mediation_cases where request_id = ${n}::uuid))
          or (a.entity = 'proposal' and a.entity_id in
               (select id::text from proposals where request_id = ${n}::uuid)))`,
        q.requestId,
      );
    if (q.userId) w.add((n) => `a.user_id = ${n}`, q.userId);
    if (q.action) w.add((n) => `a.action like ${n}`, likePrefix(q.action));
    if (q.from)
      w.add(
        (n) =>
          DATE_ONLY.test(q.from as string)
            ? `a.at >= (${n}::date::timestamp at time zone 'Europe/Amsterdam')`
            : `a.at >= ${n}::timestamptz`,
        q.from,
      );
    if (q.to)
      w.add(
        (n) =>
          DATE_ONLY.test(q.to as string)
            ? `a.at < ((${n}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`
            : `a.at < ${n}::timestamptz`,
        q.to,
      );
    return w;
  }
}

function toView(r: Row): AuditEntryView {
  const role = (r.role as Role) ?? null;
  return {
    id: String(r.id),
    regionId: (r.region_id as string) ?? null,
    userId: (r.user_id as string) ?? null,
    userName: (r.user_name as string) ?? null,
    role,
    roleLabel: role ? ROLE_LABELS[role] : SYSTEM,
    schoolId: (r.school_id as string) ?? null,
    schoolName: (r.school_name as string) ?? null,
    entity: String(r.entity),
    entityId: (r.entity_id as string) ?? null,
    action: String(r.action),
    at: r.at as Date,
  };
}
