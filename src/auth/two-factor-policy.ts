import type { Role } from '../users/user.entity';

/**
 * Who must log in with a second factor: admins and advisors always (they see every pupil of the
 * region, support needs included); coordinators when their region requires it.
 */
export function twoFactorRequired(role: Role, regionRequiresForCoordinators: boolean): boolean {
  return role === 'coordinator' ? regionRequiresForCoordinators : true;
}

/** The same rule in SQL, over a users alias and a regions alias. */
export const twoFactorRequiredSql = (u: string, r: string) =>
  `(${u}.role in ('admin', 'advisor') or (${u}.role = 'coordinator' and ${r}.require_two_factor_for_coordinators))`;
