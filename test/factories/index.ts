import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { hashPassword } from '../../src/auth/passwords';
import { Level } from '../../src/common/levels';
import { Offer } from '../../src/offers/offer.entity';
import { Region } from '../../src/regions/region.entity';
import { todayIso } from '../../src/seasons/calendar';
import { Season } from '../../src/seasons/season.entity';
import { TransferRequest } from '../../src/transfer-requests/transfer-request.entity';
import { nextSeasonYear } from './sequence';
import { School } from '../../src/schools/school.entity';
import { Role, User } from '../../src/users/user.entity';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const uniq = () => randomBytes(4).toString('hex');
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let brinCounter = Math.floor(Math.random() * 90);

/** Builds rows straight through the app's own DataSource and signs in without the log-in route. */
export class Factory {
  readonly db: DataSource;
  private readonly auth: AuthService;

  constructor(app: INestApplication) {
    this.db = app.get(DataSource);
    this.auth = app.get(AuthService);
  }

  region(name = `Regio ${uniq()}`): Promise<Region> {
    return this.db.getRepository(Region).save({ code: `r-${uniq()}`, name });
  }

  school(region: Region, over: Partial<School> = {}): Promise<School> {
    brinCounter = (brinCounter + 1) % 100;
    const letters = uniq()
      .replace(/[^a-f]/g, 'a')
      .slice(0, 2)
      .toUpperCase()
      .padEnd(2, 'X');
    return this.db.getRepository(School).save({
      regionId: region.id,
      brin: `${String(brinCounter).padStart(2, '0')}${letters}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
      name: `School ${uniq()}`,
      board: 'Stichting Test',
      postcode: '1011 AB',
      levels: ['vmbo-gt', 'havo', 'vwo'] as Level[],
      ...over,
    });
  }

  async user(region: Region, role: Role, schools: School[] = [], over: Partial<User> = {}) {
    const user = await this.db.getRepository(User).save({
      regionId: region.id,
      email: `${role}-${uniq()}@example.test`,
      name: `${role} ${uniq()}`,
      role,
      passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
      schools,
      ...over,
    });
    // As after a complete log-in (an admin's or advisor's with the second factor): every route.
    const { out } = await this.auth.openSession(user.id, true);
    return { user, token: out.accessToken, refreshToken: out.refreshToken };
  }

  season(region: Region, over: Partial<Season> = {}): Promise<Season> {
    const year = nextSeasonYear();
    return this.db.getRepository(Season).save({
      regionId: region.id,
      name: `${year}-${year + 1}`,
      // Entry is open today (tests submit forms): opened a year ago, closes in June 2027 or, once
      // that has passed, a month from today.
      entryOpens: addDays(todayIso(), -365),
      entryCloses: todayIso() < '2027-06-18' ? '2027-06-18' : addDays(todayIso(), 30),
      roundDates: ['2027-06-21', '2027-07-01'],
      responseSchoolDays: 5,
      summerHolidayStart: '2027-07-10',
      endsOn: '2027-10-01',
      ...over,
    });
  }

  offer(
    season: Season,
    school: School,
    grade: number,
    level: Level,
    capacity = 5,
    over: Partial<Offer> = {},
  ): Promise<Offer> {
    return this.db.getRepository(Offer).save({
      regionId: season.regionId,
      seasonId: season.id,
      schoolId: school.id,
      grade,
      level,
      profile: '',
      capacity,
      ...over,
    });
  }

  /** A submitted form asking for `grade` × `level` with these schools as preferences, best first. */
  request(
    season: Season,
    sending: School | null,
    preferences: School[],
    over: Partial<TransferRequest> = {},
  ): Promise<TransferRequest> {
    return this.db.getRepository(TransferRequest).save({
      regionId: season.regionId,
      seasonId: season.id,
      sendingSchoolId: sending?.id ?? null,
      firstName: 'Pupil',
      lastName: uniq(),
      dateOfBirth: '2012-01-01',
      postcode: '1011 AB',
      currentGrade: 3,
      currentLevel: 'vwo' as Level,
      requestedGrade: 3,
      requestedLevel: 'havo' as Level,
      reason: 'afstroom' as const,
      justification: 'onderbouwing',
      consentBy: 'ouders',
      consentRecordedAt: new Date(),
      status: 'submitted' as const,
      submittedAt: new Date(),
      preferences: preferences.map((s, i) => ({ rank: i + 1, schoolId: s.id })),
      placedAt: over.status === 'placed' ? new Date() : null,
      ...over,
    } as Partial<TransferRequest>);
  }
}
