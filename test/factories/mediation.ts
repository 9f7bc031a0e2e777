import { DataSource } from 'typeorm';
import { MediationCase } from '../../src/mediation/mediation-case.entity';
import { School } from '../../src/schools/school.entity';
import { Season } from '../../src/seasons/season.entity';
import { TransferRequest } from '../../src/transfer-requests/transfer-request.entity';
import { Factory } from './index';

/** Mediation cases straight into the database (the API paths are what the specs test). */
export class MediationFactory {
  private readonly db: DataSource;

  constructor(private readonly f: Factory) {
    this.db = f.db;
  }

  /** An open (or, with `over`, other) manual case for an existing request. */
  case(request: TransferRequest, over: Partial<MediationCase> = {}): Promise<MediationCase> {
    return this.db.getRepository(MediationCase).save({
      regionId: request.regionId,
      seasonId: request.seasonId,
      requestId: request.id,
      origin: 'manual' as const,
      status: 'open' as const,
      ...over,
    });
  }

  /** A pupil in mediation (status 'mediation') with an open case. */
  async pupil(
    season: Season,
    sending: School | null,
    preferences: School[] = [],
    over: Partial<TransferRequest> = {},
    caseOver: Partial<MediationCase> = {},
  ): Promise<{ request: TransferRequest; mcase: MediationCase }> {
    const request = await this.f.request(season, sending, preferences, {
      status: 'mediation',
      ...over,
    });
    return { request, mcase: await this.case(request, caseOver) };
  }
}
