import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { JobsService } from '../jobs/jobs.service';
import { JobName } from '../jobs/jobs.types';

export interface NoticeInput {
  regionId: string;
  userIds: string[];
  kind: string;
  subject: string;
  /** Path in the web app, e.g. /proposals?roundId=…; made absolute with PUBLIC_URL. */
  path: string;
  entity?: string;
  entityId?: string;
  /** Same key for the same user → one notice only (retried jobs, replays). */
  dedupeKey: string;
}

/** Notices in the app and by e-mail: subject, link and ids only, never pupil details. */
@Injectable()
export class NotificationsService {
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

  async enqueueEmails(ids: string[]): Promise<void> {
    for (const id of ids)
      await this.jobs.enqueue(JobName.SendEmail, { notificationId: id }, { jobId: `email-${id}` });
  }

  async coordinatorsOf(schoolIds: string[]): Promise<string[]> {
    if (!schoolIds.length) return [];
    const rows: { id: string }[] = await this.db.query(
      `select distinct u.id from users u join user_schools us on us.user_id = u.id
        where us.school_id = any($1::uuid[]) and u.role = 'coordinator' and not u.disabled`,
      [schoolIds],
    );
    return rows.map((r) => r.id);
  }

  async advisorsOf(regionId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `select id from users where region_id = $1 and role = 'advisor' and not disabled`,
      [regionId],
    );
    return rows.map((r) => r.id);
  }
}
