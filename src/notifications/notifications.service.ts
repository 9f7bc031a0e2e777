import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AuthUser } from '../auth/auth-user';
import { QueueUnavailableException } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { JobsService } from '../jobs/jobs.service';
import { JobName } from '../jobs/jobs.types';
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

/** Notices in the app and by e-mail: subject, link and ids only, never pupil details. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async notify(n: NoticeInput, m: EntityManager = this.db.manager): Promise<string[]> {
    if (!n.userIds.length) return [];
    const link = `${this.config.get('PUBLIC_URL', { infer: true })}${n.path}`;
    const rows: { id: string }[] = await m.query(
      `insert into notifications (region_id, user_id, kind, subject, link, entity, entity_id, dedupe_key)
       select $1, u, $2, $3, $4, $5, $6, $7 from unnest($8::uuid[]) as u
       on conflict (user_id, dedupe_key) do nothing returning id`,
      [
        n.regionId,
        n.kind,
        n.subject,
        link,
        n.entity ?? null,
        n.entityId ?? null,
        n.dedupeKey,
        n.userIds,
      ],
    );
    const ids = rows.map((r) => r.id);
    // Outside a transaction only: a rolled-back notice must not be mailed.
    if (m === this.db.manager) await this.enqueueEmails(ids);
    return ids;
  }

  /**
   * Many notices in one statement, each as notify() would write it (a round tells the sending
   * schools of up to ~40k pupils). Returns the ids of the notices made, in the order given.
   */
  async notifyMany(notices: NoticeInput[], m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = notices.flatMap((n) => n.userIds.map((userId) => ({ n, userId })));
    if (!rows.length) return [];
    const base = this.config.get('PUBLIC_URL', { infer: true });
    const column = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    // with ordinality and clock_timestamp(): the notices are made (and listed) in the order given.
    const made: { id: string }[] = await m.query(
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
    // Outside a transaction only: a rolled-back notice must not be mailed.
    if (m === this.db.manager) await this.enqueueEmails(ids);
    return ids;
  }

  /** Per school, its coordinators (as coordinatorsOf gives them for that school alone). */
  async coordinatorsBySchool(
    schoolIds: string[],
    m: EntityManager = this.db.manager,
  ): Promise<Map<string, string[]>> {
    const bySchool = new Map<string, string[]>();
    if (!schoolIds.length) return bySchool;
    const rows: { school_id: string; ids: string[] }[] = await m.query(
      `select us.school_id, array_agg(distinct u.id) as ids
         from users u join user_schools us on us.user_id = u.id
        where us.school_id = any($1::uuid[]) and u.role = 'coordinator' and not u.disabled
        group by us.school_id`,
      [schoolIds],
    );
    for (const r of rows) bySchool.set(r.school_id, r.ids);
    return bySchool;
  }

  async enqueueEmails(ids: string[]): Promise<void> {
    try {
      for (const id of ids)
        await this.jobs.enqueue(
          JobName.SendEmail,
          { notificationId: id },
          { jobId: `email-${id}` },
        );
    } catch (e) {
      // The notices are written and shown in the app; the action that made them has happened and
      // must not be answered 503 for want of Redis. Their e-mail is not sent (ids only in the log).
      if (!(e instanceof QueueUnavailableException)) throw e;
      this.logger.warn(`e-mail of notices ${ids.join(', ')} not queued: ${e.reason}`);
    }
  }

  /** Pass the transaction's manager inside one: the lookup then uses its connection. */
  async coordinatorsOf(schoolIds: string[], m: EntityManager = this.db.manager): Promise<string[]> {
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
    // (Wrapped in a select: TypeORM returns [rows, count] for a bare update … returning.)
    const [n]: Row[] = await this.db.query(
      `with r as (
         update notifications set read_at = coalesce(read_at, now())
          where id = $1 and user_id = $2 returning ${COLUMNS})
       select * from r`,
      [id, user.id],
    );
    if (!n) throw new NotFoundException('Bericht niet gevonden');
    return toView(n);
  }

  async advisorsOf(regionId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `select id from users where region_id = $1 and role = 'advisor' and not disabled`,
      [regionId],
    );
    return rows.map((r) => r.id);
  }
}

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
