import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { fieldError } from '../common/validation';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { NonSchoolDay } from './non-school-day.entity';
import { NonSchoolDayDto, NonSchoolDaysView, NonSchoolDayView } from './regions.dto';

const view = (d: NonSchoolDay): NonSchoolDayView => ({
  id: d.id,
  date: d.date,
  description: d.description,
});

/**
 * The region's own days without school (study days), which every count of school days skips
 * besides the weekends, public holidays and school holidays. Deadlines already set stay as they are.
 */
@Injectable()
export class NonSchoolDaysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly calendars: SchoolCalendarService,
    private readonly access: AccessService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async list(user: AuthUser): Promise<NonSchoolDaysView> {
    const calendar = await this.calendars.forRegion(user.regionId);
    const rows = await this.db
      .getRepository(NonSchoolDay)
      .find({ where: { regionId: user.regionId }, order: { date: 'ASC' } });
    return { holidayRegion: calendar.holidayRegion, items: rows.map(view) };
  }

  async add(user: AuthUser, dto: NonSchoolDayDto): Promise<NonSchoolDayView> {
    const repo = this.db.getRepository(NonSchoolDay);
    if (await repo.existsBy({ regionId: user.regionId, date: dto.date })) {
      throw new ConflictException(`${dto.date} staat al als vrije dag van de regio in de lijst`);
    }
    const reason = (await this.calendars.forRegion(user.regionId)).nonSchoolReason(dto.date);
    if (reason) {
      throw fieldError(
        'date',
        `date: ${dto.date} is al geen schooldag (${reason})`,
        'notSchoolDay',
      );
    }
    const description = dto.description?.trim() || 'studiedag';
    const saved = await this.txHost.withTransaction(async () => {
      const row = await this.txHost.tx
        .getRepository(NonSchoolDay)
        .save({ regionId: user.regionId, date: dto.date, description });
      await this.audit.record(user, {
        entity: 'region_non_school_day',
        entityId: row.id,
        action: 'create',
      });
      return row;
    });
    return view(saved);
  }

  @Transactional()
  async remove(user: AuthUser, id: string): Promise<void> {
    const tx = this.txHost.tx;
    await this.access.requireAccess(user, 'non-school-day.delete', [id]);
    await tx.getRepository(NonSchoolDay).delete({ id });
    await this.audit.record(user, {
      entity: 'region_non_school_day',
      entityId: id,
      action: 'delete',
    });
  }
}
