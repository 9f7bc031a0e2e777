import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobsService } from '../jobs/jobs.service';
import { JobName } from '../jobs/jobs.types';
import { NotificationsService } from '../notifications/notifications.service';
import { openRoundCases } from './round-cases';
import { deadlineSchedule } from '../proposals/deadline';
import { amsterdamInstant } from '../seasons/amsterdam-time';
import { todayIso } from '../seasons/calendar';
import { SchoolCalendarService } from '../seasons/school-calendar.service';
import { dutchLongDate } from '../transfer-requests/entry-window';
import { freePlacesSql } from '../offers/places';
import { setStatusByRound } from '../transfer-requests/lifecycle';
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
    await this.noticeUnplaced(roundId, round.regionId);
  }

  /**
   * Per pupil the round left without a place (still in mediation): the sending school's
   * coordinators hear how many fitting places are free now and the date of the season's next
   * round, with a link to the pupil's page (ids and links only). Then the reminder job for the
   * school day before that round.
   */
  private async noticeUnplaced(roundId: string, regionId: string): Promise<void> {
    const today = todayIso();
    const [season]: { id: string; next: string | null }[] = await this.db.query(
      `select s.id, (select min(d)::text from unnest(s.round_dates) d where d > $2::date) as next
         from matching_rounds r join seasons s on s.id = r.season_id
        where r.id = $1`,
      [roundId, today],
    );
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
    const calendar = await this.calendars.forRegion(regionId);
    const day = calendar.previousSchoolDay(season.next);
    if (day <= today) return;
    const at = amsterdamInstant(day, '09:00');
    await this.jobs.enqueue(
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
    const pupils: {
      id: string;
      sending_school_id: string;
      season_id: string;
      grade: number;
      level: string;
      profile: string;
      excluded: string[];
    }[] = await this.db.query(
      `select tr.id, tr.sending_school_id, tr.season_id, tr.requested_grade as grade,
              tr.requested_level as level, tr.requested_profile as profile,
              array(select e.school_id from request_exclusions e where e.request_id = tr.id) as excluded
         from matching_rounds r
         cross join lateral jsonb_each(r.output -> 'assignments') as a(id, offer)
         join transfer_requests tr on tr.id = a.id::uuid
        where r.id = $1 and r.region_id = $2 and a.offer = 'null'::jsonb
          and tr.status = 'mediation' and tr.sending_school_id is not null
          and (not $3 or not exists (
                select 1 from mediation_cases c
                 where c.request_id = tr.id and c.status = 'open'
                   and c.list_extended_at >= r.finished_at))
        order by tr.id`,
      [roundId, regionId, unchangedOnly],
    );
    if (!pupils.length) return [];
    const offers: {
      season_id: string;
      school_id: string;
      grade: number;
      level: string;
      profile: string;
      free: number;
    }[] = await this.db.query(
      `select o.season_id, o.school_id, o.grade, o.level, o.profile, ${freePlacesSql('o')} as free
         from offers o where o.season_id = any($1::uuid[])`,
      [[...new Set(pupils.map((p) => p.season_id))]],
    );
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
    const [round]: { region_id: string }[] = await this.db.query(
      `select region_id from matching_rounds where id = $1`,
      [roundId],
    );
    if (!round) return 0;
    const [season]: { next: string | null }[] = await this.db.query(
      `select (select min(d)::text from unnest(s.round_dates) d where d > $2::date) as next
         from matching_rounds r join seasons s on s.id = r.season_id where r.id = $1`,
      [roundId, todayIso()],
    );
    if (!season?.next) return 0;
    const next = dutchLongDate(season.next);
    const pupils = await this.unplacedPupils(roundId, round.region_id, true);
    const coordinators = await this.notifications.coordinatorsBySchool([
      ...new Set(pupils.map((p) => p.sending_school_id)),
    ]);
    const ids = await this.notifications.notifyMany(
      pupils.map((p) => ({
        regionId: round.region_id,
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
