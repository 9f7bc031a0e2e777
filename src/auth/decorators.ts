import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from '../users/user.entity';
import { AuthUser } from './auth-user';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';
export const DURING_ENROLMENT = 'duringTwoFactorEnrolment';

/** The route needs no access token (log-in, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/**
 * The route also answers a session that must first enrol a second factor (its own status, the
 * enrolment, who am I); every other route refuses such a session with 403.
 */
export const DuringTwoFactorEnrolment = () => SetMetadata(DURING_ENROLMENT, true);
/** Only these roles may call the route; object-level checks still apply in the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user,
);
