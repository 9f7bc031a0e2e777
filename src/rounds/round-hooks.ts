import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { openRoundCases } from '../mediation/round-cases';
import { MatchingRound } from './round.entity';

/** What follows a (non-dry) round: inside its transaction, and after it committed. */
@Injectable()
export class RoundHooks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Pupils the round could not place go to mediation, in the round's own transaction, each with
   * one mediation case (once only: a retried or replayed round opens none).
   */
  async afterRound(m: EntityManager, round: MatchingRound, unplaced: string[]): Promise<void> {
    if (!unplaced.length) return;
    await m.query(
      `update transfer_requests set status = 'mediation', updated_at = now() where id = any($1::uuid[])`,
      [unplaced],
    );
    await openRoundCases(m, round, unplaced);
  }

  /** Tells receiving schools' coordinators and the advisors; deduplicated, so a retry sends nothing twice. */
  async afterCommit(roundId: string): Promise<void> {
    const [round] = await this.db.query(
      `select region_id, report from matching_rounds where id = $1`,
      [roundId],
    );
    const schools: { school_id: string }[] = await this.db.query(
      `select distinct school_id from proposals where round_id = $1`,
      [roundId],
    );
    for (const { school_id } of schools) {
      await this.notifications.notify({
        regionId: round.region_id,
        userIds: await this.notifications.coordinatorsOf([school_id]),
        kind: 'proposals.arrived',
        subject: 'Nieuwe plaatsingsvoorstellen voor uw school',
        path: `/proposals?roundId=${roundId}`,
        entity: 'matching_round',
        entityId: roundId,
        dedupeKey: `round:${roundId}:incoming`,
      });
    }
    await this.notifications.notify({
      regionId: round.region_id,
      userIds: await this.notifications.advisorsOf(round.region_id),
      kind: 'round.completed',
      subject: 'Matchingsronde afgerond',
      path: `/rounds/${roundId}`,
      entity: 'matching_round',
      entityId: roundId,
      dedupeKey: `round:${roundId}:completed`,
    });
  }
}
