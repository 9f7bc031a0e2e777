import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AuthUser } from '../auth/auth-user';
import { todayIso } from '../seasons/calendar';
import { eraseExpired, retentionPreview, SeasonErased, totalOf } from './erasure';
import { RetentionPreviewView } from './retention.dto';

/** The retention period applied: the worker's nightly job and the office's preview. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  get years(): number {
    return this.config.get('RETENTION_YEARS', { infer: true });
  }

  /**
   * The job: erases every expired season that still holds pupil data, in every region (one
   * transaction per season). Returns and logs season ids and counts only.
   */
  async eraseExpired(today = todayIso()): Promise<{ today: string; erased: SeasonErased[] }> {
    const erased = await eraseExpired(this.db, today, this.years);
    for (const e of erased)
      this.logger.log(
        `season ${e.seasonId}: pupil data erased (${totalOf(e.counts)} rows/fields: ${JSON.stringify(e.counts)})`,
      );
    return { today, erased };
  }

  /** The caller's region: per season, until when its pupil data is kept and what would go now. */
  async preview(user: AuthUser, today = todayIso()): Promise<RetentionPreviewView> {
    const seasons = await retentionPreview(this.db, today, this.years, user.regionId);
    return {
      retentionYears: this.years,
      today,
      seasons: seasons.map((s) => ({
        seasonId: s.seasonId,
        name: s.name,
        endsOn: s.endsOn,
        keptUntil: s.keptUntil,
        expired: s.expired,
        personalDataErasedAt: s.erasedAt,
        toErase: s.pending,
      })),
    };
  }
}
