import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Offer } from '../../src/offers/offer.entity';
import { Proposal } from '../../src/proposals/proposal.entity';
import { SchoolCalendar } from '../../src/calendar';
import { todayIso } from '../../src/seasons/calendar';
import { Season } from '../../src/seasons/season.entity';
import { TransferRequest } from '../../src/transfer-requests/transfer-request.entity';

/** Rounds and proposals straight into the database, written the way a round writes them. */
export class ProposalFactory {
  constructor(private readonly db: DataSource) {}

  /** A completed round to hang proposals on. */
  async round(season: Season): Promise<string> {
    const seed = randomBytes(8).toString('hex');
    const [row]: { id: string }[] = await this.db.query(
      `insert into matching_rounds (region_id, season_id, status, seed, seed_hash, finished_at)
       values ($1, $2, 'completed', $3, $4, now()) returning id`,
      [season.regionId, season.id, seed, createHash('sha256').update(seed).digest('hex')],
    );
    return row.id;
  }

  /** A pending proposal of `request` to `offer`: offer.pending +1, the request 'proposed'. */
  async proposal(
    roundId: string,
    request: TransferRequest,
    offer: Offer,
    respondBy = new SchoolCalendar('noord').addSchoolDays(todayIso(), 5),
  ): Promise<Proposal> {
    const saved = await this.db.getRepository(Proposal).save({
      regionId: request.regionId,
      roundId,
      requestId: request.id,
      offerId: offer.id,
      schoolId: offer.schoolId,
      respondBy,
    });
    await this.db.query(`update offers set pending = pending + 1 where id = $1`, [offer.id]);
    await this.db.query(`update transfer_requests set status = 'proposed' where id = $1`, [
      request.id,
    ]);
    return saved;
  }
}
