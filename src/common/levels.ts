/** Niveaus and the leerjaren each has (DOMAIN.md): vmbo 1–4, havo 1–5, vwo and pro 1–6. */
export const LEVELS = [
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
] as const;
export type Level = (typeof LEVELS)[number];

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

export function maxGrade(level: Level): number {
  return MAX_GRADE[level];
}

/** Null when the combination exists, else a Dutch message saying why not. */
export function gradeLevelError(grade: number, level: string): string | null {
  if (!(LEVELS as readonly string[]).includes(level)) return `onbekend niveau '${level}'`;
  const max = MAX_GRADE[level as Level];
  if (!Number.isInteger(grade) || grade < 1 || grade > max) {
    return `leerjaar ${grade} bestaat niet voor ${level} (1 t/m ${max})`;
  }
  return null;
}
