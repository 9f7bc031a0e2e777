/** Secondary-school pupils, with room for late switchers and early starters. */
export const MIN_AGE = 8;
export const MAX_AGE = 25;

/** Whole years from an ISO date to another (birthdays counted on the day itself). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The Dutch message when a birth date cannot be a pupil's (a typo: 2021 for 2012), else null. */
export function birthDateError(dateOfBirth: string, today: string): string | null {
  if (dateOfBirth > today) return `dateOfBirth: ${dateOfBirth} ligt in de toekomst`;
  const age = ageOn(dateOfBirth, today);
  if (age < MIN_AGE || age > MAX_AGE) {
    return `dateOfBirth: een leerling van ${age} jaar? (verwacht ${MIN_AGE} tot en met ${MAX_AGE})`;
  }
  return null;
}
