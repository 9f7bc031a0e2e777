/**
 * The Amsterdam-size season of the benchmarks (issue 22, point 5), deterministic from a fixed
 * seed: 80 schools on 7 boards, the pupils who switch with their requested leerjaar × niveau, the
 * schools' free places and the pupils' short preference lists. Used by `bench:season` and
 * `bench:load`.
 */
import { Level, maxGrade } from '../src/common/levels';
import type { TransferReason } from '../src/transfer-requests/transfer-request.entity';

const SEED = 20261206;
export const PROFILES = [
  'Cultuur en Maatschappij',
  'Economie en Maatschappij',
  'Natuur en Gezondheid',
  'Natuur en Techniek',
];

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Picks one of `items` with `rand`: each in proportion to its weight (by default equally). */
export function picker(rand: () => number) {
  return <T>(items: readonly T[], weight: (t: T) => number = () => 1): T => {
    const ws = items.map(weight);
    let r = rand() * ws.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((r -= ws[i]) <= 0) return items[i];
    return items[items.length - 1];
  };
}
const rand = rng(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = picker(rand);

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

export interface GenSchool {
  i: number;
  name: string;
  board: string;
  postcode: string;
  area: number;
  levels: Level[];
  popularity: number;
}
export interface Place {
  school: number;
  grade: number;
  level: Level;
  profile: string;
  capacity: number;
}
export interface GenPupil {
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

export function generate(pupils: number) {
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
export function choosePreferences(schools: GenSchool[], pupils: GenPupil[], places: Place[]): void {
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
export function placesFor(schools: GenSchool[], pupils: GenPupil[]) {
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

export function birthDate(seasonName: string, currentGrade: number, n: number): string {
  const schoolYear = Number(seasonName.slice(0, 4)) - 1;
  const d = new Date(
    Date.UTC(schoolYear - (11 + currentGrade) - 1, 9, 2) + ((n * 53) % 360) * 864e5,
  );
  return d.toISOString().slice(0, 10);
}
