import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { AuthUser } from './auth-user';

/**
 * Object-level access in one place. A row of another region is "not found" (its existence is not
 * revealed); a coordinator acting on a school that is not theirs is "forbidden".
 */
export function ensureInRegion<T extends { regionId: string }>(
  user: AuthUser,
  row: T | null | undefined,
  what = 'Niet gevonden / not found',
): T {
  if (!row || row.regionId !== user.regionId) throw new NotFoundException(what);
  return row;
}

export function isOwnSchool(user: AuthUser, schoolId: string | null | undefined): boolean {
  return !!schoolId && user.schoolIds.includes(schoolId);
}

/** Coordinators may act only for their own schools; advisors and admins for any in the region. */
export function ensureActsForSchool(user: AuthUser, schoolId: string | null | undefined): void {
  if (user.role === 'coordinator' && !isOwnSchool(user, schoolId)) {
    throw new ForbiddenException('Alleen voor uw eigen school / only for your own school');
  }
}

/**
 * The full records of transfer requests a caller may see, as SQL over alias `tr`: advisors and
 * admins the whole region; coordinators only their own schools' outgoing pupils. A receiving
 * school sees an incoming pupil only through its proposals (src/proposals), with just what it
 * needs to decide: never the postcode, the support-needs text or the other schools listed.
 */
export function transferRequestScope(
  user: AuthUser,
  alias = 'tr',
): { sql: string; params: Record<string, unknown> } {
  if (user.role !== 'coordinator') {
    return { sql: `${alias}.region_id = :scopeRegion`, params: { scopeRegion: user.regionId } };
  }
  if (!user.schoolIds.length) return { sql: 'false', params: {} };
  return {
    sql: `${alias}.region_id = :scopeRegion and ${alias}.sending_school_id in (:...scopeSchools)`,
    params: { scopeRegion: user.regionId, scopeSchools: user.schoolIds },
  };
}
