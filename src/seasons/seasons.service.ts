import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { amsterdamInstant } from './amsterdam-time';
import { SchoolCalendar } from '../calendar';
import { fieldError } from '../common/validation';
import { todayIso } from './calendar';
import { SchoolCalendarService } from './school-calendar.service';
import { Season } from './season.entity';
import { Page, PageQuery } from '../common/pagination';
import { CreateSeasonDto, SeasonView, UpdateSeasonDto } from './seasons.dto';

/** A season's calendar with every date filled in. */
export type SeasonCalendar = CreateSeasonDto & { summerHolidayStart: string };

/** Checks the calendar as a whole; returns the Dutch message of the first thing wrong. */
export function calendarError(s: SeasonCalendar): string | null {
  const [a, b] = s.name.split('-').map(Number);
  if (b !== a + 1) return 'name: het tweede jaar moet op het eerste volgen (2027-2028)';
  if (s.entryOpens > s.entryCloses) return 'entryOpens moet vóór entryCloses liggen';
  // Pupils have their new school before the summer holiday: entry closes before it starts.
  if (s.entryCloses >= s.summerHolidayStart) {
    return 'entryCloses moet vóór summerHolidayStart (de zomervakantie) liggen';
  }
  if (s.summerHolidayStart > s.endsOn) return 'summerHolidayStart moet vóór endsOn liggen';
  const late = s.roundDates.find((d) => d > s.endsOn || d < s.entryOpens);
  if (late) return `ronde op ${late} valt buiten het seizoen (${s.entryOpens} t/m ${s.endsOn})`;
  const twice = s.roundDates.find((d, i) => s.roundDates.indexOf(d) !== i);
  if (twice) return `roundDates: ${twice} staat er twee keer in`;
  return null;
}

@Injectable()
export class SeasonsService {
  constructor(
    @InjectRepository(Season) private readonly seasons: Repository<Season>,
    private readonly audit: AuditService,
    private readonly calendars: SchoolCalendarService,
    private readonly access: AccessService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async list(user: AuthUser, q: PageQuery): Promise<Page<SeasonView>> {
    const [rows, total] = await this.seasons.findAndCount({
      where: { regionId: user.regionId },
      order: { name: 'DESC', id: 'ASC' },
      skip: PageQuery.offset(q),
      take: q.limit,
    });
    const cal = await this.calendars.forRegion(user.regionId);
    return { items: rows.map((s) => this.view(s, cal)), total, page: q.page, limit: q.limit };
  }

  async get(
    user: AuthUser,
    id: string,
    permission: 'season.read' | 'season.update' = 'season.read',
  ): Promise<Season> {
    await this.access.requireAccess(user, permission, [id]);
    return this.seasons.findOneByOrFail({ id });
  }

  async getView(user: AuthUser, id: string) {
    const season = await this.get(user, id);
    return this.view(season, await this.calendars.forRegion(user.regionId));
  }

  async create(user: AuthUser, dto: CreateSeasonDto) {
    const cal = await this.calendars.forRegion(user.regionId);
    const full: SeasonCalendar = {
      ...dto,
      summerHolidayStart: dto.summerHolidayStart ?? this.defaultSummerHolidayStart(dto.name, cal),
    };
    this.check(full);
    if (await this.seasons.existsBy({ regionId: user.regionId, name: dto.name })) {
      throw new ConflictException(`Seizoen ${dto.name} bestaat al`);
    }
    const saved = await this.txHost.withTransaction(async () => {
      const row = await this.txHost.tx.save(
        this.seasons.create({ ...full, regionId: user.regionId }),
      );
      await this.audit.record(user, { entity: 'season', entityId: row.id, action: 'create' });
      return row;
    });
    return this.view(saved, cal);
  }

  async update(user: AuthUser, id: string, dto: UpdateSeasonDto) {
    const season = await this.get(user, id, 'season.update');
    const cal = await this.calendars.forRegion(user.regionId);
    const next = { ...this.view(season, cal), ...dto } as SeasonCalendar;
    this.check(next);
    if (
      dto.name &&
      dto.name !== season.name &&
      (await this.seasons.existsBy({ regionId: user.regionId, name: dto.name }))
    ) {
      throw new ConflictException(`Seizoen ${dto.name} bestaat al`);
    }
    Object.assign(season, dto);
    const saved = await this.txHost.withTransaction(async () => {
      const m = this.txHost.tx;
      const row = await m.save(season);
      // A round scheduled for a date taken off the calendar must not run: it is cancelled (its
      // delayed job then finds nothing to do). New dates are scheduled by …/rounds/schedule.
      if (dto.roundDates) {
        await m.query(
          `update matching_rounds set status = 'cancelled', finished_at = now(),
             error = 'rondedatum uit de kalender gehaald'
           where season_id = $1 and status = 'scheduled'
             and not (scheduled_for = any($2::timestamptz[]))`,
          [season.id, dto.roundDates.map((d) => amsterdamInstant(d))],
        );
      }
      await this.audit.record(user, { entity: 'season', entityId: id, action: 'update' });
      return row;
    });
    return this.view(saved, cal);
  }

  /**
   * The first day of the summer holiday before the school year the season is named after (season
   * 2027-2028: summer 2027), in the region's holiday region, from the government's dates.
   */
  private defaultSummerHolidayStart(name: string, cal: SchoolCalendar): string {
    const year = Number(name.slice(0, 4));
    const start = /^\d{4}-\d{4}$/.test(name) ? cal.summerHolidayStart(year) : null;
    if (start) return start;
    throw fieldError(
      'summerHolidayStart',
      `summerHolidayStart: de zomervakantie ${year} van regio ${cal.holidayRegion} is nog niet bekend; vul de eerste dag zelf in`,
    );
  }

  private check(dto: SeasonCalendar): void {
    const err = calendarError(dto);
    if (err) throw new BadRequestException(err);
  }

  private view(s: Season, cal: SchoolCalendar) {
    return {
      id: s.id,
      name: s.name,
      entryOpens: s.entryOpens,
      entryCloses: s.entryCloses,
      roundDates: [...s.roundDates].sort(),
      responseSchoolDays: s.responseSchoolDays,
      summerHolidayStart: s.summerHolidayStart,
      endsOn: s.endsOn,
      schoolDaysToSummer: cal.schoolDaysBetween(todayIso(), s.summerHolidayStart),
    };
  }
}
