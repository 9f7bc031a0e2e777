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
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  createDatabaseIfMissing,
  dropDatabase,
  ensurePostgres,
  ensureRedis,
  withDatabase,
} from '../scripts/services';
import type { AuthUser } from '../src/auth/auth-user';
import { Level, maxGrade } from '../src/common/levels';
import { runMigrations } from '../src/database/migrate';
import type { TransferReason } from '../src/transfer-requests/transfer-request.entity';

const SEED = 20261206;
const ROUND_SEEDS = ['bench-season-round-1', 'bench-season-round-2'];
const PROFILES = [
  'Cultuur en Maatschappij',
  'Economie en Maatschappij',
  'Natuur en Gezondheid',
  'Natuur en Techniek',
];

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function pick<T>(items: readonly T[], weight: (t: T) => number = () => 1): T {
  const ws = items.map(weight);
  let r = rand() * ws.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((r -= ws[i]) <= 0) return items[i];
  return items[items.length - 1];
}

// Postcode areas of the region's districts, with the share of its schools.
const AREAS: [number, number, number][] = [
  [1011, 1018, 6], // Centrum
  [1051, 1058, 10], // West
  [1059, 1069, 14], // Nieuw-West
  [1071, 1083, 14], // Zuid
  [1086, 1098, 14], // Oost
  [1020, 1037, 10], // Noord
  [1101, 1108, 8], // Zuidoost
  [1111, 1111, 2], // Diemen
  [1381, 1381, 2], // Weesp
];
const area = () => {
  const [lo, hi] = pick(AREAS, (a) => a[2]);
  return int(lo, hi);
};
const postcode = (digits: number) =>
  `${digits} ${String.fromCharCode(65 + int(0, 25), 65 + int(0, 25))}`;

const KINDS: { kind: string; n: number; levels: Level[] }[] = [
  { kind: 'Lyceum', n: 24, levels: ['havo', 'vwo', 'havo/vwo'] },
  {
    kind: 'Scholengemeenschap',
    n: 20,
    levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo', 'vwo', 'vmbo-b/k', 'vmbo-k/gt', 'vmbo-gt/havo'],
  },
  { kind: 'Vakcollege', n: 18, levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'vmbo-b/k', 'vmbo-k/gt'] },
  { kind: 'Mavo-havo', n: 11, levels: ['vmbo-gt', 'havo', 'vmbo-gt/havo'] },
  { kind: 'Praktijkschool', n: 7, levels: ['pro'] },
];
const BOARDS = [
  'Stichting Amstelland VO',
  'Stichting Openbaar VO Amsterdam-West',
  'Stichting Noord Leert',
  'Vereniging Zuidoost Onderwijs',
  'Stichting VO Diemen-Weesp',
  'Stichting Carmel Amsterdam',
  'Esprit Scholen',
];

interface GenSchool {
  i: number;
  name: string;
  board: string;
  postcode: string;
  area: number;
  levels: Level[];
  popularity: number;
}
interface Place {
  school: number;
  grade: number;
  level: Level;
  profile: string;
  capacity: number;
}
interface GenPupil {
  from: number;
  postcode: string;
  current: [number, Level];
  requested: [number, Level, string];
  reason: TransferReason;
  prefs: number[];
}

/** Where a pupil goes next school year: [leerjaar, niveau], or null when there is no such step. */
function nextStep(reason: TransferReason, grade: number, level: Level): [number, Level] | null {
  const up = grade + 1;
  const step: Partial<Record<Level, Level>> =
    reason === 'afstroom'
      ? {
          vwo: 'havo',
          havo: 'vmbo-gt',
          'havo/vwo': 'havo',
          'vmbo-gt': 'vmbo-k',
          'vmbo-k': 'vmbo-b',
          'vmbo-gt/havo': 'vmbo-gt',
          'vmbo-k/gt': 'vmbo-k',
          'vmbo-b/k': 'vmbo-b',
        }
      : reason === 'opstroom'
        ? {
            'vmbo-gt': 'havo',
            'vmbo-k': 'vmbo-gt',
            'vmbo-b': 'vmbo-k',
            havo: 'vwo',
            'vmbo-gt/havo': 'havo',
            'havo/vwo': 'vwo',
          }
        : {};
  // Opstroom after a vmbo-gt diploma: into havo 4; after a havo diploma: into vwo 5.
  if (reason === 'opstroom' && level === 'vmbo-gt' && grade === 4) return [4, 'havo'];
  if (reason === 'opstroom' && level === 'havo' && grade === 5) return [5, 'vwo'];
  const to = reason === 'afstroom' || reason === 'opstroom' ? step[level] : level;
  if (!to) return null;
  const g = Math.min(up, maxGrade(to));
  return g > maxGrade(level) && to === level ? null : g <= grade && to === level ? null : [g, to];
}

function generate(pupils: number) {
  const schools: GenSchool[] = [];
  for (const k of KINDS) {
    for (let j = 0; j < k.n; j++) {
      const a = area();
      schools.push({
        i: schools.length,
        name: `${k.kind} ${schools.length + 1}`,
        board: BOARDS[int(0, BOARDS.length - 1)],
        postcode: postcode(a),
        area: a,
        levels: k.levels,
        // Skewed: a few schools everyone wants, a long tail.
        popularity: Math.pow(rand(), 2) * 5 + 0.5,
      });
    }
  }
  const teaching = (level: Level) => schools.filter((s) => s.levels.includes(level));
  const out: GenPupil[] = [];
  while (out.length < pupils) {
    const reason = pick<TransferReason>(
      ['afstroom', 'opstroom', 'verhuizing', 'anders'],
      (r) => ({ afstroom: 40, opstroom: 20, verhuizing: 30, anders: 10 })[r],
    );
    const from = pick(schools);
    const level = pick(from.levels);
    const grade = int(1, maxGrade(level));
    const next = nextStep(reason, grade, level);
    if (!next) continue;
    const [rg, rl] = next;
    const profiled = (rl === 'havo' || rl === 'vwo') && rg >= 4 && rand() < 0.5;
    const requested: [number, Level, string] = [rg, rl, profiled ? pick(PROFILES) : ''];
    const home = reason === 'verhuizing' ? area() : from.area + int(-4, 4);
    if (!teaching(rl).some((s) => s !== from)) continue;
    out.push({
      from: from.i,
      postcode: postcode(home),
      current: [grade, level],
      requested,
      reason,
      prefs: [],
    });
  }
  return { schools, pupils: out };
}

/**
 * Short lists, 1–3 schools: popular and near ones first; a school that has entered free places
 * for the requested leerjaar × niveau is OFFERED_BOOST times as likely (the form's picker shows
 * them), but many coordinators still list a popular school without room.
 */
const OFFERED_BOOST = 60;
function choosePreferences(schools: GenSchool[], pupils: GenPupil[], places: Place[]): void {
  const offered = new Set(places.map((o) => `${o.school}|${o.grade}|${o.level}`));
  for (const p of pupils) {
    const [rg, rl] = p.requested;
    const home = Number(p.postcode.slice(0, 4));
    const options = schools.filter((s) => s.levels.includes(rl) && s.i !== p.from);
    const n = Math.min(
      pick([1, 2, 3], (k) => [35, 35, 30][k - 1]),
      options.length,
    );
    while (p.prefs.length < n) {
      const s = pick(
        options.filter((o) => !p.prefs.includes(o.i)),
        (o) =>
          (o.popularity / (1 + Math.abs(o.area - home) / 8)) *
          (offered.has(`${o.i}|${rg}|${rl}`) ? OFFERED_BOOST : 1),
      );
      p.prefs.push(s.i);
    }
  }
}

/**
 * Free places, about 1.12 per requested place of each leerjaar × niveau, spread over schools
 * teaching it (the popular schools have no more room than the others); in the upper havo/vwo
 * years a quarter of the offers are for one profiel.
 */
function placesFor(schools: GenSchool[], pupils: GenPupil[]) {
  const demand = new Map<string, number>();
  for (const p of pupils) {
    const k = `${p.requested[0]}|${p.requested[1]}`;
    demand.set(k, (demand.get(k) ?? 0) + 1);
  }
  const offers = new Map<
    string,
    { school: number; grade: number; level: Level; profile: string; capacity: number }
  >();
  for (const [k, d] of [...demand.entries()].sort()) {
    const [g, l] = k.split('|');
    const grade = Number(g);
    const level = l as Level;
    let supply = Math.round(d * 1.12 + rand() * 2);
    const cands = schools.filter((s) => s.levels.includes(level));
    while (supply > 0) {
      const s = pick(cands);
      const capacity = Math.min(supply, int(1, 4));
      const profile =
        (level === 'havo' || level === 'vwo') && grade >= 4 && rand() < 0.25 ? pick(PROFILES) : '';
      const key = `${s.i}|${grade}|${level}|${profile}`;
      const o = offers.get(key) ?? { school: s.i, grade, level, profile, capacity: 0 };
      o.capacity += capacity;
      offers.set(key, o);
      supply -= capacity;
    }
  }
  return [...offers.values()];
}

function birthDate(seasonName: string, currentGrade: number, n: number): string {
  const schoolYear = Number(seasonName.slice(0, 4)) - 1;
  const d = new Date(
    Date.UTC(schoolYear - (11 + currentGrade) - 1, 9, 2) + ((n * 53) % 360) * 864e5,
  );
  return d.toISOString().slice(0, 10);
}

const FITTING_FREE = `
  select count(*)::int as n from transfer_requests tr
   where tr.season_id = $1 and tr.status = 'mediation'
     and exists (select 1 from offers o
                  where o.season_id = tr.season_id and o.grade = tr.requested_grade
                    and o.level = tr.requested_level and o.profile in ('', tr.requested_profile)
                    and o.capacity - o.placed - o.pending > 0)`;

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith('--pupils='));
  const nPupils = arg ? Number(arg.slice(9)) : 1600;
  const pg = await ensurePostgres(() => undefined);
  const redis = await ensureRedis(() => undefined);
  const name = `overstap_bench_${randomBytes(3).toString('hex')}`;
  await createDatabaseIfMissing(pg.url, name);
  const url = withDatabase(pg.url, name);
  await runMigrations(url);
  Object.assign(process.env, {
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `bench-${name}`,
    LOG_LEVEL: 'error',
  });
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
    await dropDatabase(pg.url, name);
    await pg.stop();
    await redis.stop();
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
