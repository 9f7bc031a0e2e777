import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Level } from '../../src/common/levels';
import { Offer } from '../../src/offers/offer.entity';
import { Region } from '../../src/regions/region.entity';
import { School } from '../../src/schools/school.entity';
import { Season } from '../../src/seasons/season.entity';
import { TransferRequest } from '../../src/transfer-requests/transfer-request.entity';
import { nextSeasonYear } from './sequence';

const uniq = () => randomBytes(3).toString('hex');

/** Seasons, offers and transfer requests straight into the database, for offer-related specs. */
export class OfferFactory {
  constructor(private readonly db: DataSource) {}

  season(region: Region, over: Partial<Season> = {}): Promise<Season> {
    const year = nextSeasonYear();
    return this.db.getRepository(Season).save({
      regionId: region.id,
      name: `${year}-${year + 1}`,
      entryOpens: `${year}-01-15`,
      entryCloses: `${year}-06-18`,
      roundDates: [`${year}-06-22`],
      responseSchoolDays: 5,
      summerHolidayStart: `${year}-07-10`,
      endsOn: `${year}-10-01`,
      ...over,
    });
  }

  offer(
    season: Season,
    school: School,
    over: Partial<Offer> & { grade: number; level: Level },
  ): Promise<Offer> {
    return this.db.getRepository(Offer).save({
      regionId: season.regionId,
      seasonId: season.id,
      schoolId: school.id,
      profile: '',
      capacity: 0,
      ...over,
    });
  }

  /** One pupil's request; only counts matter to these specs, so the pupil is made up. */
  request(
    season: Season,
    sendingSchool: School | null,
    over: Partial<TransferRequest> &
      Pick<TransferRequest, 'requestedGrade' | 'requestedLevel' | 'status'>,
  ): Promise<TransferRequest> {
    return this.db.getRepository(TransferRequest).save({
      regionId: season.regionId,
      seasonId: season.id,
      sendingSchoolId: sendingSchool?.id ?? null,
      firstName: `Leerling ${uniq()}`,
      lastName: 'Test',
      dateOfBirth: '2012-03-04',
      postcode: '1011 AB',
      currentGrade: Math.max(1, over.requestedGrade - 1),
      currentLevel: over.requestedLevel,
      reason: 'verhuizing',
      placedAt: over.status === 'placed' ? new Date() : null,
      ...over,
    });
  }
}
