import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { describeRules, rulesFrom, rulesView } from './priority-rules';
import { Region } from './region.entity';
import {
  PriorityRulesDto,
  PriorityRulesView,
  RegionSettingsDto,
  RegionSettingsView,
} from './regions.dto';

@Injectable()
export class RegionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async priorityRules(user: AuthUser): Promise<PriorityRulesView> {
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: user.regionId });
    const rules = region.priorityRules ?? {};
    return { ...rulesView(rules), text: describeRules(rules) };
  }

  /**
   * Replaces the rules; a round reads them when it takes its snapshot, so the next one uses them
   * (a round already running keeps what it read). Audited as a kind of change, never its values.
   */
  async setPriorityRules(user: AuthUser, dto: PriorityRulesDto): Promise<PriorityRulesView> {
    const rules = rulesFrom(dto);
    await this.txHost.withTransaction(async () => {
      const m = this.txHost.tx;
      await m.getRepository(Region).update({ id: user.regionId }, { priorityRules: rules });
      await this.audit.record(user, {
        entity: 'region',
        entityId: user.regionId,
        action: 'update.priority-rules',
      });
    });
    return this.priorityRules(user);
  }

  /** Settings everyone in the region reads (the form's recommended list length). */
  async settings(user: AuthUser): Promise<RegionSettingsView> {
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: user.regionId });
    return {
      recommendedPreferences: region.recommendedPreferences,
      requireTwoFactorForCoordinators: region.requireTwoFactorForCoordinators,
    };
  }

  /**
   * Admins change them; audited as a kind of change. Requiring a second factor of coordinators
   * takes effect on their next request: a coordinator without one can then only enrol.
   */
  async setSettings(user: AuthUser, dto: RegionSettingsDto): Promise<RegionSettingsView> {
    await this.txHost.withTransaction(async () => {
      const m = this.txHost.tx;
      const before = await m.getRepository(Region).findOneByOrFail({ id: user.regionId });
      await m.getRepository(Region).update(
        { id: user.regionId },
        {
          recommendedPreferences: dto.recommendedPreferences,
          ...(dto.requireTwoFactorForCoordinators !== undefined && {
            requireTwoFactorForCoordinators: dto.requireTwoFactorForCoordinators,
          }),
        },
      );
      const policyChanged =
        dto.requireTwoFactorForCoordinators !== undefined &&
        dto.requireTwoFactorForCoordinators !== before.requireTwoFactorForCoordinators;
      await this.audit.recordMany(user, [
        { entity: 'region', entityId: user.regionId, action: 'update.settings' },
        ...(policyChanged
          ? [{ entity: 'region', entityId: user.regionId, action: 'update.two-factor-policy' }]
          : []),
      ]);
    });
    return this.settings(user);
  }
}
