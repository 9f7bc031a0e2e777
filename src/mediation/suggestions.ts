/**
 * Ordering of placement suggestions for a pupil in mediation.
 *
 * Heuristic for "near": Dutch postcodes are numbered roughly by geography (the four digits go
 * up from Amsterdam 1000 towards the south-east), so within a region the absolute difference of
 * the four-digit areas of pupil and school is a rough measure of distance. It is no travel time,
 * and two areas with adjacent numbers can lie on both sides of a river; advisors know that. It
 * only orders the list: nothing is left out for being far away.
 */

import { District, districtOf } from '../schools/district';

/** The four-digit area of a postcode ('1011 AB' → 1011), or null when it has none. */
export function postcodeArea(postcode: string | null | undefined): number | null {
  const m = /^\s*([1-9][0-9]{3})/.exec(postcode ?? '');
  return m ? Number(m[1]) : null;
}

/** |area(a) − area(b)|, or null when either postcode has no four-digit area. */
export function postcodeDistance(
  a: string | null | undefined,
  b: string | null | undefined,
): number | null {
  const x = postcodeArea(a);
  const y = postcodeArea(b);
  return x === null || y === null ? null : Math.abs(x - y);
}

/**
 * The districts (stadsdelen, src/schools/district.ts) of pupil and school and a hint in words:
 * "zelfde stadsdeel (Oost)", or "Zuid, leerling woont in Oost (postcodeverschil 12)".
 */
export function nearness(
  pupilPostcode: string | null | undefined,
  schoolPostcode: string | null | undefined,
): { district: District; pupilDistrict: District; distanceHint: string } {
  const district = districtOf(schoolPostcode);
  const pupilDistrict = districtOf(pupilPostcode);
  const d = postcodeDistance(pupilPostcode, schoolPostcode);
  const diff = d === null ? '' : ` (postcodeverschil ${d})`;
  const distanceHint =
    district === pupilDistrict && district !== 'Overig'
      ? `zelfde stadsdeel (${district})${diff}`
      : `${district}, leerling woont in ${pupilDistrict}${diff}`;
  return { district, pupilDistrict, distanceHint };
}

export interface Rankable {
  /** Rank in the pupil's own preferences (1 = first), or null when not listed. */
  preferenceRank: number | null;
  /** Postcode distance to the pupil, or null when unknown. */
  distance: number | null;
  schoolName: string;
  offerId: string;
}

const nullsLast = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;

/**
 * The pupil's own preferences first, in their order; then the other schools, nearest postcode
 * area first (unknown last); ties by school name and offer id, so the order is stable.
 */
export function compareSuggestions(a: Rankable, b: Rankable): number {
  return (
    nullsLast(a.preferenceRank, b.preferenceRank) ||
    nullsLast(a.distance, b.distance) ||
    a.schoolName.localeCompare(b.schoolName, 'nl') ||
    (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0)
  );
}

export function orderSuggestions<T extends Rankable>(items: T[]): T[] {
  return [...items].sort(compareSuggestions);
}
