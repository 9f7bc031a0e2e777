import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { PageQuery } from '../common/pagination';
import { JobName } from '../jobs/jobs.types';
import { Outbox, OutboxRelay } from '../jobs/outbox';
import { NotificationPage, NotificationQueryDto, NotificationView } from './notifications.dto';

export interface NoticeInput {
  regionId: string;
  userIds: string[];
  kind: string;
  subject: string;
  /** A page of the web app (never an API URL), e.g. /voorstellen/<id>; made absolute with PUBLIC_URL. */
  path: string;
  entity?: string;
  entityId?: string;
  /** Same key for the same user → one notice only (retried jobs, replays). */
  dedupeKey: string;
}

/** A notice a domain rule calls for, to people named by their role rather than by id. */
export interface Tell extends Omit<NoticeInput, 'userIds' | 'dedupeKey'> {
  to: { coordinatorsOf: string[] } | { advisorsOf: string };
}

/** Notices in the app and by e-mail: subject, link and ids only, never pupil details. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly access: AccessService,
  ) {}

  /**
   * Writes the notices and their e-mails' jobs in the current transaction (TransactionHost; one of
   * their own outside one): a rolled-back notice is neither shown nor mailed, and the e-mails are
   * queued once it commits (Outbox), later by the worker when Redis is away. Returns the ids of
   * the notices written (none for a user who already has this dedupeKey).
   */
  async notify(n: NoticeInput): Promise<string[]> {
    return this.notifyMany([n]);
  }

  /**
   * Sends what a rule said must be told (src/transfer-requests/lifecycle.ts), in the current
   * transaction; the notice ids.
   */
  async tell(tells: Tell[], dedupeKey: string): Promise<string[]> {
    const ids: string[] = [];
    for (const { to, ...notice } of tells) {
      const userIds =
        'coordinatorsOf' in to
          ? await this.coordinatorsOf(to.coordinatorsOf)
          : await this.advisorsOf(to.advisorsOf);
      ids.push(...(await this.notify({ ...notice, userIds, dedupeKey })));
    }
    return ids;
  }

  /**
   * Many notices in one statement, each as notify() would write it (a round tells the sending
   * schools of up to ~40k pupils). Returns the ids of the notices made, in the order given.
   */
  async notifyMany(notices: NoticeInput[]): Promise<string[]> {
    if (!notices.some((n) => n.userIds.length)) return [];
    return this.txHost.withTransaction(() => this.writeMany(notices));
  }

  private async writeMany(notices: NoticeInput[]): Promise<string[]> {
    const rows = notices.flatMap((n) => n.userIds.map((userId) => ({ n, userId })));
    if (!rows.length) return [];
    const base = this.config.get('PUBLIC_URL', { infer: true });
    const column = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    // with ordinality and clock_timestamp(): the notices are made (and listed) in the order given.
    const made: { id: string }[] = await this.txHost.tx.query(
      `insert into notifications (region_id, user_id, kind, subject, link, entity, entity_id, dedupe_key, created_at)
       select t.region_id, t.user_id, t.kind, t.subject, t.link, t.entity, t.entity_id, t.dedupe_key, clock_timestamp()
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
              with ordinality as t(region_id, user_id, kind, subject, link, entity, entity_id, dedupe_key, n)
        order by t.n
       on conflict (user_id, dedupe_key) do nothing returning id`,
      [
        column((r) => r.n.regionId),
        column((r) => r.userId),
        column((r) => r.n.kind),
        column((r) => r.n.subject),
        column((r) => `${base}${r.n.path}`),
        column((r) => r.n.entity ?? null),
        column((r) => r.n.entityId ?? null),
        column((r) => r.n.dedupeKey),
      ],
    );
    const ids = made.map((r) => r.id);
    await this.outbox.addMany(
      ids.map((id) => ({
        name: JobName.SendEmail,
        data: { notificationId: id },
        opts: { jobId: emailJobId(id) },
      })),
    );
    return ids;
  }

  /** Per school, its coordinators (as coordinatorsOf gives them for that school alone). */
  async coordinatorsBySchool(schoolIds: string[]): Promise<Map<string, string[]>> {
    const bySchool = new Map<string, string[]>();
    if (!schoolIds.length) return bySchool;
    const rows: { school_id: string; ids: string[] }[] = await this.txHost.tx.query(
      `select us.school_id, array_agg(distinct u.id) as ids
         from users u join user_schools us on us.user_id = u.id
        where us.school_id = any($1::uuid[]) and u.role = 'coordinator' and not u.disabled
        group by us.school_id`,
      [schoolIds],
    );
    for (const r of rows) bySchool.set(r.school_id, r.ids);
    return bySchool;
  }

  /** The active coordinators of these schools (read in the current transaction, if any). */
  async coordinatorsOf(schoolIds: string[]): Promise<string[]> {
    const m = this.txHost.tx;
    if (!schoolIds.length) return [];
    const rows: { id: string }[] = await m.query(
      `select distinct u.id from users u join user_schools us on us.user_id = u.id
        where us.school_id = any($1::uuid[]) and u.role = 'coordinator' and not u.disabled`,
      [schoolIds],
    );
    return rows.map((r) => r.id);
  }

  /** The caller's own notices: unread first, then newest first. */
  async list(user: AuthUser, q: NotificationQueryDto): Promise<NotificationPage> {
    const shown =
      q.unread === undefined ? 'true' : q.unread ? 'read_at is null' : 'read_at is not null';
    const rows: Row[] = await this.db.query(
      `select ${COLUMNS} from notifications where user_id = $1 and ${shown}
        order by (read_at is null) desc, created_at desc, id desc
        offset $2 limit $3`,
      [user.id, PageQuery.offset(q), q.limit],
    );
    const [c]: { total: number; unread: number }[] = await this.db.query(
      `select count(*) filter (where ${shown})::int as total,
              count(*) filter (where read_at is null)::int as unread
         from notifications where user_id = $1`,
      [user.id],
    );
    return {
      items: rows.map(toView),
      total: c.total,
      unread: c.unread,
      page: q.page,
      limit: q.limit,
    };
  }

  /** Marks one of the caller's own notices read (idempotent); another user's is "not found". */
  async markRead(user: AuthUser, id: string): Promise<NotificationView> {
    await this.access.requireAccess(user, 'notice.update', [id]);
    // (Wrapped in a select: TypeORM returns [rows, count] for a bare update … returning.)
    const [n]: Row[] = await this.db.query(
      `with r as (
         update notifications set read_at = coalesce(read_at, now())
          where id = $1 returning ${COLUMNS})
       select * from r`,
      [id],
    );
    return toView(n);
  }

  /** The region's active advisors (read in the current transaction, if any). */
  async advisorsOf(regionId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `select id from users where region_id = $1 and role = 'advisor' and not disabled`,
      [regionId],
    );
    return rows.map((r) => r.id);
  }
}

/** One e-mail job per notice: queued twice (a retried relay), it is still sent once. */
const emailJobId = (notificationId: string) => `email-${notificationId}`;

const COLUMNS = 'id, kind, subject, link, entity, entity_id, read_at, created_at';

interface Row {
  id: string;
  kind: string;
  subject: string;
  link: string | null;
  entity: string | null;
  entity_id: string | null;
  read_at: Date | null;
  created_at: Date;
}

function toView(r: Row): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    link: r.link,
    entity: r.entity,
    entityId: r.entity_id,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}
