import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ensureInRegion } from '../auth/scope';
import { amsterdamInstant } from './amsterdam-time';
import { schoolDaysBetween, todayIso } from './calendar';
import { Season } from './season.entity';
import { CreateSeasonDto, UpdateSeasonDto } from './seasons.dto';

/** Checks the calendar as a whole; returns the Dutch message of the first thing wrong. */
export function calendarError(s: CreateSeasonDto): string | null {
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
  ) {}

  async list(user: AuthUser) {
    const rows = await this.seasons.find({
      where: { regionId: user.regionId },
      order: { name: 'DESC' },
    });
    return rows.map((s) => this.view(s));
  }

  async get(user: AuthUser, id: string): Promise<Season> {
    return ensureInRegion(user, await this.seasons.findOneBy({ id }), 'Seizoen niet gevonden');
  }

  async getView(user: AuthUser, id: string) {
    return this.view(await this.get(user, id));
  }

  async create(user: AuthUser, dto: CreateSeasonDto) {
    this.check(dto);
    if (await this.seasons.existsBy({ regionId: user.regionId, name: dto.name })) {
      throw new ConflictException(`Seizoen ${dto.name} bestaat al`);
    }
    const saved = await this.seasons.save(this.seasons.create({ ...dto, regionId: user.regionId }));
    await this.audit.record(user, { entity: 'season', entityId: saved.id, action: 'create' });
    return this.view(saved);
  }

  async update(user: AuthUser, id: string, dto: UpdateSeasonDto) {
    const season = await this.get(user, id);
    const next = { ...this.view(season), ...dto };
    this.check(next);
    if (
      dto.name &&
      dto.name !== season.name &&
      (await this.seasons.existsBy({ regionId: user.regionId, name: dto.name }))
    ) {
      throw new ConflictException(`Seizoen ${dto.name} bestaat al`);
    }
    Object.assign(season, dto);
    const saved = await this.seasons.manager.transaction(async (m) => {
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
      await this.audit.record(user, { entity: 'season', entityId: id, action: 'update' }, m);
      return row;
    });
    return this.view(saved);
  }

  private check(dto: CreateSeasonDto): void {
    const err = calendarError(dto);
    if (err) throw new BadRequestException(err);
  }

  private view(s: Season) {
    return {
      id: s.id,
      name: s.name,
      entryOpens: s.entryOpens,
      entryCloses: s.entryCloses,
      roundDates: [...s.roundDates].sort(),
      responseSchoolDays: s.responseSchoolDays,
      summerHolidayStart: s.summerHolidayStart,
      endsOn: s.endsOn,
      schoolDaysToSummer: schoolDaysBetween(todayIso(), s.summerHolidayStart),
    };
  }
}
