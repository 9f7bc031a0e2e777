/**
 * The niveaus and the leerjaren each has, as the API checks them (src/common/levels.ts and
 * src/offers/offer-rules.ts), so the add form offers only combinations that exist.
 */
import type { Schemas } from '../../api/client';
import { exactly } from '../../api/enums';

export type Level = Schemas['OfferView']['level'];

export const LEVELS: readonly Level[] = exactly<Level>()([
  'pro',
  'vmbo-b',
  'vmbo-k',
  'vmbo-gt',
  'havo',
  'vwo',
  'vmbo-b/k',
  'vmbo-k/gt',
  'vmbo-gt/havo',
  'havo/vwo',
] as const);

const MAX_GRADE: Record<Level, number> = {
  pro: 6,
  'vmbo-b': 4,
  'vmbo-k': 4,
  'vmbo-gt': 4,
  havo: 5,
  vwo: 6,
  // Mixed classes exist only in the first years (onderbouw).
  'vmbo-b/k': 2,
  'vmbo-k/gt': 2,
  'vmbo-gt/havo': 2,
  'havo/vwo': 3,
};

export const GRADES = [1, 2, 3, 4, 5, 6] as const;

export const maxGrade = (level: Level): number => MAX_GRADE[level];

export const levelExistsIn = (grade: number, level: Level): boolean =>
  grade >= 1 && grade <= MAX_GRADE[level];

/** The first leerjaar in which a profiel may be chosen: 3 for vmbo and pro, 4 for havo and vwo. */
export function firstProfileGrade(level: Level): number {
  return level === 'havo' || level === 'vwo' || level === 'havo/vwo' || level === 'vmbo-gt/havo'
    ? 4
    : 3;
}

/** Niveaus in their usual order (the order of LEVELS). */
export const levelOrder = (level: string): number => LEVELS.indexOf(level as Level);

/** The key of one offer of one school: leerjaar × niveau × profiel (profiel case-insensitive). */
export const offerKey = (o: { grade: number; level: string; profile: string }): string =>
  `${o.grade}|${o.level}|${o.profile.trim().toLowerCase()}`;
