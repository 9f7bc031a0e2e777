import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobsService } from '../jobs/jobs.service';
import { JobName } from '../jobs/jobs.types';
import { NotificationsService } from '../notifications/notifications.service';
import { openRoundCases } from '../mediation/round-cases';
import { deadlineSchedule } from '../proposals/deadline';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { setStatusByRound } from './request-status';
import { MatchingRound } from './round.entity';

/** What follows a (non-dry) round: inside its transaction, and after it committed. */
@Injectable()
export class RoundHooks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobsService,
    private readonly calendars: SchoolCalendarService,
  ) {}

  /**
   * Pupils the round could not place go to mediation, in the round's own transaction, each with
   * one mediation case (once only: a retried or replayed round opens none).
   */
  async afterRound(m: EntityManager, round: MatchingRound, unplaced: string[]): Promise<void> {
    if (!unplaced.length) return;
    await setStatusByRound(m, round.regionId, unplaced, 'mediation');
    await openRoundCases(m, round, unplaced);
  }

  /**
   * After the round committed: tells receiving schools' coordinators and the advisors, and queues
   * the deadline and reminder jobs. Each step is safe to repeat (notices are deduplicated, jobs
   * have fixed ids), so a retried round job runs it all again.
   */
  async afterCommit(round: { id: string; regionId: string }): Promise<void> {
    const roundId = round.id;
    const schools: { school_id: string }[] = await this.db.query(
      `select distinct school_id from proposals where round_id = $1`,
      [roundId],
    );
    await this.notifications.notify({
      regionId: round.regionId,
      userIds: await this.notifications.coordinatorsOf(schools.map((s) => s.school_id)),
      kind: 'proposals.arrived',
      subject: 'Nieuwe plaatsingsvoorstellen voor uw school',
      path: '/voorstellen',
      entity: 'matching_round',
      entityId: roundId,
      dedupeKey: `round:${roundId}:incoming`,
    });
    await this.notifications.notify({
      regionId: round.regionId,
      userIds: await this.notifications.advisorsOf(round.regionId),
      kind: 'round.completed',
      subject: 'Matchingsronde afgerond',
      path: `/rondes/${roundId}`,
      entity: 'matching_round',
      entityId: roundId,
      dedupeKey: `round:${roundId}:completed`,
    });
    await this.enqueueDeadlineJobs(roundId, round.regionId);
  }

  /**
   * The deadline job (advisors told of unanswered proposals) and a reminder to receiving schools
   * the school day before.
   */
  private async enqueueDeadlineJobs(roundId: string, regionId: string): Promise<void> {
    const [row]: { respond_by: string | null }[] = await this.db.query(
      `select min(respond_by)::text as respond_by from proposals where round_id = $1`,
      [roundId],
    );
    if (!row?.respond_by) return;
    const now = new Date();
    const calendar = await this.calendars.forRegion(regionId);
    const { deadlineAt, reminderAt } = deadlineSchedule(row.respond_by, calendar, now);
    await this.jobs.enqueue(
      JobName.ProposalDeadline,
      { roundId },
      { jobId: `deadline-${roundId}`, delay: Math.max(0, deadlineAt.getTime() - now.getTime()) },
    );
    if (reminderAt) {
      await this.jobs.enqueue(
        JobName.ProposalReminder,
        { roundId },
        { jobId: `reminder-${roundId}`, delay: Math.max(0, reminderAt.getTime() - now.getTime()) },
      );
    }
  }
}
