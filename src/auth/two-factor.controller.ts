import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import {
  RecoveryCodesView,
  TwoFactorCodeDto,
  TwoFactorEnrolmentView,
  TwoFactorStatusView,
} from './auth.dto';
import { CurrentUser, DuringTwoFactorEnrolment } from './decorators';
import { TwoFactorService } from './two-factor.service';

/** The signed-in user's own second factor (Mijn account → Tweestapsverificatie). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Get()
  @DuringTwoFactorEnrolment()
  @ApiOperation({
    summary: 'Whether my second factor is on, required, and whether this session must enrol first',
  })
  @ApiOkResponse({ type: TwoFactorStatusView })
  status(@CurrentUser() user: AuthUser): Promise<TwoFactorStatusView> {
    return this.twoFactor.status(user);
  }

  @Post('enrolment')
  @DuringTwoFactorEnrolment()
  @ApiOperation({
    summary: 'Start enrolling (or renewing) a TOTP second factor: a new secret, shown this once',
    description:
      'Nothing changes until POST /auth/two-factor/enrolment/confirm with a code of the new ' +
      'secret, within 15 minutes. Renewing needs a session that passed the current factor.',
  })
  @ApiCreatedResponse({ type: TwoFactorEnrolmentView })
  start(@CurrentUser() user: AuthUser): Promise<TwoFactorEnrolmentView> {
    return this.twoFactor.startEnrolment(user);
  }

  @Post('enrolment/confirm')
  @DuringTwoFactorEnrolment()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm enrolment with a code of the new secret: it is on, ten recovery codes (shown once), other sessions end',
  })
  @ApiOkResponse({ type: RecoveryCodesView })
  @ApiBadRequestResponse({ description: 'wrong code (field code), or no enrolment started' })
  confirm(
    @CurrentUser() user: AuthUser,
    @Body() dto: TwoFactorCodeDto,
  ): Promise<RecoveryCodesView> {
    return this.twoFactor.confirmEnrolment(user, dto.code);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Turn my second factor off with a current code or a recovery code (only where it is not required); other sessions end',
  })
  @ApiNoContentResponse({ description: 'off' })
  @ApiBadRequestResponse({
    description: 'wrong code (field code); failures count as failed log-ins',
  })
  @ApiConflictResponse({ description: 'not on, or required for the role or by the region' })
  disable(
    @CurrentUser() user: AuthUser,
    @Body() dto: TwoFactorCodeDto,
    @Ip() ip: string,
  ): Promise<void> {
    return this.twoFactor.disable(user, dto.code, ip);
  }
}
