/**
 * A whole season of the Amsterdam size, played through the app's own services (issue 22, point 5):
 * 80 schools, about 1,800 free places, about 1,600 pupils entered and submitted by their own
 * school's coordinator with short lists (1–3 schools, skewed to popular ones), round 1, every
 * proposal accepted, then the coordinator of each pupil left without a place adds the three
 * nearest schools with room (as the form's picker and the desk's suggestions show them) and
 * submits again, round 2, every proposal accepted. Prints the placed share after each round and
 * how many pupils without a place still had a fitting free place somewhere.
 *
 * `npm run bench:season [-- --pupils=1600]`. Uses its own database and Redis prefix, dropped
 * afterwards. Deterministic data (a fixed seed) and fixed round seeds; the database's own uuids
 * still differ from run to run, and the round's lottery follows them, so figures vary a little.
 */
import 'reflect-metadata';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../src/auth/auth-user';
import type { Level } from '../src/common/levels';
import { ownServices } from './own-services';
import { birthDate, choosePreferences, generate, GenPupil, placesFor } from './season-data';

const ROUND_SEEDS = ['bench-season-round-1', 'bench-season-round-2'];

const FITTING_FREE = `
  select count(*)::int as n from transfer_requests tr
   where tr.season_id = $1 and tr.status = 'mediation'
     and exists (select 1 from offers o
                  where o.season_id = tr.season_id and o.grade = tr.requested_grade
                    and o.level = tr.requested_level and o.profile in ('', tr.requested_profile)
                    and o.capacity - o.placed - o.pending > 0
                    -- elsewhere: not the pupil's own school, not a school that declined them
                    and o.school_id <> tr.sending_school_id
                    and not exists (select 1 from request_exclusions e
                                     where e.request_id = tr.id and e.school_id = o.school_id))`;

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith('--pupils='));
  const nPupils = arg ? Number(arg.slice(9)) : 1600;
  const services = await ownServices('season');
  // Imported after the environment is set: the modules read their configuration when imported.
  const { SeedModule } = await import('../src/seed/seed.module');
  const { SeasonsService } = await import('../src/seasons/seasons.service');
  const { OffersService } = await import('../src/offers/offers.service');
  const { TransferRequestsService } =
    await import('../src/transfer-requests/transfer-requests.service');
  const { RoundsService } = await import('../src/rounds/rounds.service');
  const { ProposalsService } = await import('../src/proposals/proposals.service');
  const { Region } = await import('../src/regions/region.entity');
  const { School } = await import('../src/schools/school.entity');
  const { User } = await import('../src/users/user.entity');
  const { demoCalendar } = await import('../src/seed/calendar');
  const { todayIso } = await import('../src/seasons/calendar');
  const { postcodeDistance } = await import('../src/mediation/suggestions');

  const ctx: INestApplicationContext = await NestFactory.createApplicationContext(SeedModule, {
    logger: ['error'],
  });
  const get = <T>(cls: Type<T>): T => ctx.get(cls, { strict: false });
  const db = get(DataSource);
  const seasons = get(SeasonsService);
  const offers = get(OffersService);
  const forms = get(TransferRequestsService);
  const rounds = get(RoundsService);
  const proposals = get(ProposalsService);
  const timings: [string, number][] = [];
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    timings.push([label, (performance.now() - t0) / 1000]);
    return out;
  };

  try {
    const gen = generate(nPupils);
    const places = placesFor(gen.schools, gen.pupils);
    choosePreferences(gen.schools, gen.pupils, places);

    // Region, schools and one coordinator per school, straight into the tables (as the demo seed).
    const base = await timed('region, schools, users', () =>
      db.transaction(async (m) => {
        const region = await m.getRepository(Region).save({ code: 'bench-season', name: 'Bench' });
        const schools = await m.getRepository(School).save(
          gen.schools.map((s, i) => ({
            regionId: region.id,
            brin: `${String(10 + Math.floor(i / 26)).padStart(2, '0')}${String.fromCharCode(65 + (i % 26))}B00`,
            name: s.name,
            board: s.board,
            postcode: s.postcode,
            levels: s.levels,
          })),
        );
        const actor = async (role: 'admin' | 'coordinator', own: string[], n: number) => {
          const u = await m.getRepository(User).save({
            regionId: region.id,
            email: `${role}${n}@bench.test`,
            name: `${role} ${n}`,
            role,
            passwordHash: 'x',
            schools: own.map((id) => ({ id })),
          });
          const a: AuthUser = {
            id: u.id,
            regionId: region.id,
            role,
            schoolIds: own,
            sessionId: randomUUID(),
          };
          return a;
        };
        const admin = await actor('admin', [], 0);
        const coordinators: AuthUser[] = [];
        for (const [i, s] of schools.entries())
          coordinators.push(await actor('coordinator', [s.id], i));
        return { region, schools, admin, coordinators };
      }),
    );
    const { schools, admin, coordinators } = base;
    const calendar = demoCalendar(todayIso());
    const season = await seasons.create(admin, calendar);

    await timed('free places (80 coordinators)', async () => {
      for (const [i, s] of schools.entries()) {
        const own = places.filter((o) => o.school === i);
        if (!own.length) continue;
        await offers.upsert(coordinators[i], season.id, {
          offers: own.map((o) => ({
            schoolId: s.id,
            grade: o.grade,
            level: o.level,
            profile: o.profile,
            capacity: o.capacity,
          })),
        });
      }
    });

    const pupilOf = new Map<string, GenPupil>();
    await timed(`forms entered and submitted (${gen.pupils.length})`, async () => {
      for (const [n, p] of gen.pupils.entries()) {
        const c = coordinators[p.from];
        const { id } = await forms.create(c, {
          seasonId: season.id,
          sendingSchoolId: schools[p.from].id,
          firstName: `Leerling`,
          lastName: `${n + 1}`,
          dateOfBirth: birthDate(calendar.name, p.current[0], n),
          postcode: p.postcode,
          currentGrade: p.current[0],
          currentLevel: p.current[1],
          requestedGrade: p.requested[0],
          requestedLevel: p.requested[1],
          requestedProfile: p.requested[2],
          reason: p.reason,
          justification: 'Besproken met ouders en mentor.',
          supportCategories: [],
          supportNeeds: null,
          consentBy: 'ouders-en-leerling',
          preferences: p.prefs.map((i) => schools[i].id),
        });
        await forms.submit(c, id);
        pupilOf.set(id, p);
      }
    });

    const coordinatorOfSchool = new Map(schools.map((s, i) => [s.id, coordinators[i]]));
    const playRound = async (k: number) => {
      const r = await timed(`round ${k + 1}`, async () => {
        const started = await rounds.start(admin, season.id, {
          dryRun: false,
          mechanism: 'DA_STB_SIC',
        });
        // A fixed seed for the lottery, so that a run can be repeated.
        const seed = ROUND_SEEDS[k];
        await db.query(`update matching_rounds set seed = $2, seed_hash = $3 where id = $1`, [
          started.id,
          seed,
          createHash('sha256').update(seed).digest('hex'),
        ]);
        await rounds.execute(started.id);
        const round = await rounds.get(admin, started.id);
        if (round.status !== 'completed')
          throw new Error(`round ${k + 1} ended ${round.status}: ${round.error ?? '-'}`);
        return round;
      });
      const made: { id: string; school_id: string }[] = await db.query(
        `select p.id, p.school_id from proposals p join transfer_requests tr on tr.id = p.request_id
          where p.round_id = $1 and p.status = 'pending' order by tr.last_name::int`,
        [r.id],
      );
      await timed(`round ${k + 1}: ${made.length} proposals accepted`, async () => {
        for (const p of made)
          await proposals.accept(coordinatorOfSchool.get(p.school_id) as AuthUser, p.id);
      });
      const [{ took }]: { took: number }[] = await db.query(
        `select count(*)::int as took from proposals where round_id = $1`,
        [r.id],
      );
      const [{ placed }]: { placed: number }[] = await db.query(
        `select count(*)::int as placed from transfer_requests where season_id = $1 and status = 'placed'`,
        [season.id],
      );
      const [{ unplaced }]: { unplaced: number }[] = await db.query(
        `select count(*)::int as unplaced from transfer_requests where season_id = $1 and status = 'mediation'`,
        [season.id],
      );
      const [{ n: fitting }]: { n: number }[] = await db.query(FITTING_FREE, [season.id]);
      return { proposals: took, placed, unplaced, fitting };
    };

    const r1 = await playRound(0);

    // The coordinators of the pupils left without a place: the three nearest schools with room.
    const left: {
      id: string;
      postcode: string;
      requested_grade: number;
      requested_level: Level;
      requested_profile: string;
      sending_school_id: string;
      prefs: string[];
    }[] = await db.query(
      `select tr.id, tr.postcode, tr.requested_grade, tr.requested_level, tr.requested_profile,
              tr.sending_school_id,
              array(select p.school_id from transfer_request_preferences p
                     where p.request_id = tr.id order by p.rank) as prefs
         from transfer_requests tr where tr.season_id = $1 and tr.status = 'mediation'
        order by tr.last_name::int`,
      [season.id],
    );
    let added = 0;
    let fewerThanThree = 0;
    await timed(`lists extended and submitted again (${left.length})`, async () => {
      for (const r of left) {
        const c = coordinatorOfSchool.get(r.sending_school_id) as AuthUser;
        const shown = await offers.schoolsWithPlaces(c, season.id, {
          grade: r.requested_grade,
          level: r.requested_level,
          profile: r.requested_profile,
        });
        const extra = shown
          .filter(
            (s) =>
              (s.remaining ?? 0) > 0 && !r.prefs.includes(s.id) && s.id !== r.sending_school_id,
          )
          .map((s) => ({ s, d: postcodeDistance(r.postcode, s.postcode) ?? Infinity }))
          // As the form shows them: room nobody has asked for yet first, then nearest first.
          .sort(
            (a, b) =>
              Number((b.s.unclaimed ?? 0) > 0) - Number((a.s.unclaimed ?? 0) > 0) ||
              a.d - b.d ||
              a.s.name.localeCompare(b.s.name, 'nl'),
          )
          .slice(0, 3)
          .map((x) => x.s.id);
        if (extra.length < 3) fewerThanThree++;
        if (!extra.length) continue;
        added += extra.length;
        await forms.update(c, r.id, { preferences: [...r.prefs, ...extra] });
        await forms.submit(c, r.id);
      }
    });

    const r2 = await playRound(1);

    const total = gen.pupils.length;
    const capacity = places.reduce((a, o) => a + o.capacity, 0);
    const pct = (n: number) => `${((100 * n) / total).toFixed(1)} %`;
    const listLengths = [1, 2, 3].map((k) => gen.pupils.filter((p) => p.prefs.length === k).length);
    console.log(
      `Season benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, DA_STB_SIC`,
    );
    console.log(
      `${schools.length} schools, ${places.length} offers, ${capacity} places; ${total} pupils ` +
        `(lists of 1/2/3 schools: ${listLengths.join('/')})`,
    );
    console.log(
      `round 1: ${r1.proposals} proposals, placed ${r1.placed} (${pct(r1.placed)}); without a place ${r1.unplaced}, of whom ${r1.fitting} had a fitting free place`,
    );
    console.log(
      `extension: ${left.length} lists extended by ${added} schools (${fewerThanThree} with fewer than three schools with room)`,
    );
    console.log(
      `round 2: ${r2.proposals} proposals, placed ${r2.placed} (${pct(r2.placed)}); without a place ${r2.unplaced}, of whom ${r2.fitting} had a fitting free place`,
    );
    for (const [label, s] of timings)
      console.log(`  ${label.padEnd(48)} ${s.toFixed(1).padStart(6)} s`);
  } finally {
    await ctx.close();
    await services.close();
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
