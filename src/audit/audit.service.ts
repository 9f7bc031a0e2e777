import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { Page, PageQuery } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';
import { AuditQueryDto } from './audit.dto';

export interface AuditEvent {
  entity: string;
  entityId?: string | null;
  action: string;
  schoolId?: string | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>) {}

  /** Records one event by the caller; pass the transaction's manager to commit it with the change. */
  async record(user: AuthUser, event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.recordMany(user, [event], manager);
  }

  async recordMany(user: AuthUser, events: AuditEvent[], manager?: EntityManager): Promise<void> {
    if (!events.length) return;
    const repo = manager ? manager.getRepository(AuditEntry) : this.repo;
    await repo.insert(
      events.map((e) => ({
        regionId: user.regionId,
        userId: user.id,
        role: user.role,
        schoolId: e.schoolId ?? (user.schoolIds.length === 1 ? user.schoolIds[0] : null),
        entity: e.entity,
        entityId: e.entityId ?? null,
        action: e.action,
      })),
    );
  }

  /** For events without a signed-in caller (a failed log-in). */
  async recordAnonymous(entry: Partial<AuditEntry> & { entity: string; action: string }) {
    await this.repo.insert(entry);
  }

  async list(user: AuthUser, q: AuditQueryDto): Promise<Page<AuditEntry>> {
    const qb = this.repo
      .createQueryBuilder('a')
      .where('a.region_id = :region', { region: user.regionId })
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC');
    if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.userId) qb.andWhere('a.user_id = :userId', { userId: q.userId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.from) qb.andWhere('a.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.at < :to', { to: q.to });
    const [items, total] = await qb.skip(PageQuery.offset(q)).take(q.limit).getManyAndCount();
    return { items, total, page: q.page, limit: q.limit };
  }
}
