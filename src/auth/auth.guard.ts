import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../users/user.entity';
import { AuthService } from './auth.service';
import { DURING_ENROLMENT, IS_PUBLIC, ROLES_KEY } from './decorators';
import { bearerToken } from './refresh-cookie';

export const TWO_FACTOR_ENROLMENT_REQUIRED = 'two_factor_enrolment_required';

/** Global: every route needs a valid access token unless marked @Public(); @Roles narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const token = bearerToken(req);
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) throw new UnauthorizedException('Niet ingelogd / not signed in');
    req.user = user;
    // Before the role check: such a session gets nothing else, whatever the role may do.
    if (
      user.twoFactorEnrolmentRequired &&
      !this.reflector.getAllAndOverride<boolean>(DURING_ENROLMENT, targets)
    ) {
      throw new ForbiddenException({
        statusCode: 403,
        code: TWO_FACTOR_ENROLMENT_REQUIRED,
        message:
          'Stel eerst tweestapsverificatie in (Mijn account); daarna kunt u verder / two-factor enrolment required',
      });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException('Geen toegang / not allowed for your role');
    }
    return true;
  }
}
