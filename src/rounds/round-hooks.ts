import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { JobName } from '../jobs/jobs.types';
import { Outbox } from '../jobs/outbox';
import { NotificationsService } from '../notifications/notifications.service';
import { openRoundCases } from './round-cases';
import { deadlineSchedule } from '../proposals/deadline';
import { amsterdamInstant } from '../seasons/amsterdam-time';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { SchoolCalendar } from '../calendar';
import { dutchLongDate } from '../transfer-requests/entry-window';
import { setStatusByRound } from '../transfer-requests/lifecycle';
import { MatchingRound } from './round.entity';
import { RoundsRepository } from './rounds.repository';

/** What follows a (non-dry) round: inside its transaction, and after it committed. */
@Injectable()
export class RoundHooks {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly rounds: RoundsRepository,
    private readonly notifications: NotificationsService,
    private readonly outbox: Outbox,
    private readonly calendars: SchoolCalendarService,
  ) {}

  /**
   * Pupils the round could not place go to mediation, in the round's own transaction, each with
   * one mediation case (once only: a retried or replayed round opens none).
   */
  async afterRound(round: MatchingRound, unplaced: string[]): Promise<void> {
    if (!unplaced.length) return;
    await setStatusByRound(this.txHost.tx, round.regionId, unplaced, 'mediation');
    await openRoundCases(this.txHost.tx, round, unplaced);
  }

  /**
   * After the round committed: tells receiving schools' coordinators and the advisors, and queues
   * the deadline and reminder jobs, all in one transaction of its own: the jobs go through the
   * outbox and are queued once it commits. A step of the round's job, not of the round's
   * transaction, so that a retried round job runs it all again; each step is safe to repeat
   * (notices are deduplicated, jobs have fixed ids).
   */
  async afterCommit(round: { id: string; regionId: string }): Promise<void> {
    const calendar = await this.calendars.forRegion(round.regionId);
    await this.txHost.withTransaction(async () => {
      // The jobs first: the outbox dates a job's delay from this transaction's start.
      await this.enqueueDeadlineJobs(round.id, calendar);
      await this.tellRound(round);
      await this.noticeUnplaced(round.id, round.regionId, calendar);
    });
  }

  /** The receiving schools' coordinators and the advisors hear that the round is done. */
  private async tellRound(round: { id: string; regionId: string }): Promise<void> {
    const roundId = round.id;
    await this.notifications.notify({
      regionId: round.regionId,
      userIds: await this.notifications.coordinatorsOf(await this.rounds.proposalSchools(roundId)),
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
  }

  /**
   * Per pupil the round left without a place (still in mediation): the sending school's
   * coordinators hear how many fitting places are free now and the date of the season's next
   * round, with a link to the pupil's page (ids and links only). Then the reminder job for the
   * school day before that round.
   */
  private async noticeUnplaced(
    roundId: string,
    regionId: string,
    calendar: SchoolCalendar,
  ): Promise<void> {
    const today = todayIso();
    const season = await this.rounds.nextRound(roundId, today);
    if (!season) return;
    const pupils = await this.unplacedPupils(roundId, regionId);
    const when = season.next
      ? `de volgende ronde is op ${dutchLongDate(season.next)}`
      : 'er is geen volgende ronde gepland';
    const coordinators = await this.notifications.coordinatorsBySchool([
      ...new Set(pupils.map((p) => p.sending_school_id)),
    ]);
    // One statement for all pupils (up to ~40k at 200k pupils), not one per pupil.
    await this.notifications.notifyMany(
      pupils.map((p) => {
        const places = `${p.places} passende ${p.places === 1 ? 'plaats' : 'plaatsen'}`;
        return {
          regionId,
          userIds: coordinators.get(p.sending_school_id) ?? [],
          kind: 'pupil.unplaced',
          subject: `Leerling nog zonder plaats: nu ${places} vrij in de regio; voeg scholen toe en dien opnieuw in, ${when}`,
          path: `/leerlingen/${p.id}`,
          entity: 'transfer_request',
          entityId: p.id,
          dedupeKey: `round:${roundId}:unplaced:${p.id}`,
        };
      }),
    );
    if (!season.next || !pupils.length) return;
    const day = calendar.previousSchoolDay(season.next);
    if (day <= today) return;
    const at = amsterdamInstant(day, '09:00');
    await this.outbox.add(
      JobName.ExtendReminder,
      { roundId },
      { jobId: `extend-reminder-${roundId}`, delay: Math.max(0, at.getTime() - Date.now()) },
    );
  }

  /**
   * Pupils the round left without a place who are still in mediation with their sending school's
   * id, and the free places that fit them: same leerjaar × niveau, the offer's profile empty or
   * theirs, not their own school nor one that declined them. Two reads (the pupils, the season's
   * offers) and the sums here: a sum over all offers per pupil took minutes at 40k pupils.
   */
  private async unplacedPupils(
    roundId: string,
    regionId: string,
    unchangedOnly = false,
  ): Promise<{ id: string; sending_school_id: string; places: number }[]> {
    const pupils = await this.rounds.unplacedPupils(roundId, regionId, unchangedOnly);
    if (!pupils.length) return [];
    const offers = await this.rounds.freePlaces([...new Set(pupils.map((p) => p.season_id))]);
    // Free places per season × leerjaar × niveau × profile, in all and per school.
    const inAll = new Map<string, number>();
    const atSchool = new Map<string, number>();
    const add = (m: Map<string, number>, key: string, n: number) =>
      m.set(key, (m.get(key) ?? 0) + n);
    for (const o of offers) {
      add(inAll, `${o.season_id}|${o.grade}|${o.level}|${o.profile}`, o.free);
      add(atSchool, `${o.season_id}|${o.grade}|${o.level}|${o.profile}|${o.school_id}`, o.free);
    }
    return pupils.map((p) => {
      const program = `${p.season_id}|${p.grade}|${p.level}|`;
      // The offers without profile fit everyone; those for the pupil's own profile fit them too.
      const profiles = p.profile ? ['', p.profile] : [''];
      let places = 0;
      for (const profile of profiles) {
        places += inAll.get(program + profile) ?? 0;
        for (const school of new Set([p.sending_school_id, ...p.excluded]))
          places -= atSchool.get(`${program}${profile}|${school}`) ?? 0;
      }
      return { id: p.id, sending_school_id: p.sending_school_id, places };
    });
  }

  /**
   * The school day before the next round: a reminder to the sending schools of pupils the round
   * left without a place who are still in mediation with their list unchanged since.
   */
  async sendExtendReminder(roundId: string): Promise<number> {
    const round = await this.rounds.nextRound(roundId, todayIso());
    if (!round?.next) return 0;
    const next = dutchLongDate(round.next);
    const pupils = await this.unplacedPupils(roundId, round.regionId, true);
    const coordinators = await this.notifications.coordinatorsBySchool([
      ...new Set(pupils.map((p) => p.sending_school_id)),
    ]);
    const ids = await this.notifications.notifyMany(
      pupils.map((p) => ({
        regionId: round.regionId,
        userIds: coordinators.get(p.sending_school_id) ?? [],
        kind: 'pupil.unplaced.reminder',
        subject: `Herinnering: leerling nog zonder plaats en de lijst is niet aangevuld; de volgende ronde is op ${next}`,
        path: `/leerlingen/${p.id}`,
        entity: 'transfer_request',
        entityId: p.id,
        dedupeKey: `round:${roundId}:extend-reminder:${p.id}`,
      })),
    );
    return ids.length;
  }

  /**
   * The deadline job (advisors told of unanswered proposals) and a reminder to receiving schools
   * the school day before.
   */
  private async enqueueDeadlineJobs(roundId: string, calendar: SchoolCalendar): Promise<void> {
    const respondBy = await this.rounds.firstRespondBy(roundId);
    if (!respondBy) return;
    const now = new Date();
    const { deadlineAt, reminderAt } = deadlineSchedule(respondBy, calendar, now);
    await this.outbox.add(
      JobName.ProposalDeadline,
      { roundId },
      { jobId: `deadline-${roundId}`, delay: Math.max(0, deadlineAt.getTime() - now.getTime()) },
    );
    if (reminderAt) {
      await this.outbox.add(
        JobName.ProposalReminder,
        { roundId },
        { jobId: `reminder-${roundId}`, delay: Math.max(0, reminderAt.getTime() - now.getTime()) },
      );
    }
  }
}
