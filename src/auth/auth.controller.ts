import {
  Body,
  Controller,
  HttpCode,
  Ip,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { EnvironmentVariables } from '../../config/env.validation';
import { AuthUser } from './auth-user';
import {
  AccessTokenDto,
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  MessageDto,
  RefreshDto,
  ResetPasswordDto,
  TokensDto,
  TwoFactorChallengeDto,
  TwoFactorLoginDto,
} from './auth.dto';
import { AuthService, IssuedTokens, SESSION_EXPIRED } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { ACCOUNT_FAILURES, IP_FAILURES } from './login-limiter';
import { FORGOT_ANSWER, PasswordService } from './password.service';
import { TwoFactorService } from './two-factor.service';
import {
  bearerToken,
  clearRefreshCookie,
  readRefreshCookie,
  REFRESH_COOKIE,
  setRefreshCookie,
} from './refresh-cookie';

const FIFTEEN_MINUTES = 15 * 60_000;
const COOKIE_SET = {
  'Set-Cookie': {
    description: `${REFRESH_COOKIE}=…; Path=/api/auth; HttpOnly; SameSite=Strict (Secure in production); Max-Age 14 days`,
    schema: { type: 'string' },
  },
};
const COOKIE_CLEARED = {
  'Set-Cookie': {
    description: `${REFRESH_COOKIE}=; Expires in the past`,
    schema: { type: 'string' },
  },
};
const TOKENS_OR_ACCESS = {
  oneOf: [{ $ref: getSchemaPath(TokensDto) }, { $ref: getSchemaPath(AccessTokenDto) }],
};
const TOKENS_OR_CHALLENGE = {
  oneOf: [
    { $ref: getSchemaPath(TokensDto) },
    { $ref: getSchemaPath(AccessTokenDto) },
    { $ref: getSchemaPath(TwoFactorChallengeDto) },
  ],
};

@ApiTags('auth')
@ApiExtraModels(TokensDto, AccessTokenDto, TwoFactorChallengeDto)
@Controller('auth')
export class AuthController {
  private readonly secureCookie: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
    private readonly twoFactor: TwoFactorService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.secureCookie = config.get('NODE_ENV', { infer: true }) === 'production';
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password',
    description:
      'Without useCookie: { accessToken, refreshToken, expiresIn }. With useCookie: true (the web ' +
      `app): the refresh token is set as the httpOnly cookie ${REFRESH_COOKIE} and the body is ` +
      '{ accessToken, expiresIn }. Only failed log-ins are limited, across all API instances: ' +
      `after ${ACCOUNT_FAILURES} failures in 15 minutes an account waits 15 minutes (answered as ` +
      `a wrong password), and an address with ${IP_FAILURES} failures in 15 minutes gets 429. ` +
      'A user with a second factor gets { twoFactorRequired: true, challenge, expiresIn } instead ' +
      'of tokens: POST /auth/login/two-factor with the challenge and a code gives the session. An ' +
      'admin or advisor (or a coordinator whose region requires it) without one gets a session ' +
      'that can only enrol one: GET /users/me and /auth/two-factor/…; every other route answers ' +
      '403 two_factor_enrolment_required.',
  })
  @ApiOkResponse({ schema: TOKENS_OR_CHALLENGE, headers: COOKIE_SET })
  @ApiUnauthorizedResponse({
    description: 'Wrong e-mail or password, the account is disabled, or it waits after failures',
  })
  @ApiTooManyRequestsResponse({
    description: `${IP_FAILURES} failed log-ins from this address in 15 minutes`,
  })
  async login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokensDto | AccessTokenDto | TwoFactorChallengeDto> {
    const outcome = await this.auth.login(dto.email, dto.password, ip);
    if (outcome.kind === 'challenge') {
      return {
        twoFactorRequired: true,
        challenge: outcome.challenge,
        expiresIn: outcome.expiresIn,
      };
    }
    return this.answer(res, outcome.tokens, dto.useCookie);
  }

  @Post('login/two-factor')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Second step of a log-in: the challenge and a code from the app (or a recovery code)',
    description:
      'Answers as POST /auth/login does with or without useCookie. A code works once; failed ' +
      'codes count with failed passwords in the same limits (the account waits after ' +
      `${ACCOUNT_FAILURES} failures in 15 minutes; the address gets 429 after ${IP_FAILURES}).`,
  })
  @ApiOkResponse({ schema: TOKENS_OR_ACCESS, headers: COOKIE_SET })
  @ApiUnauthorizedResponse({
    description: 'Wrong, used or expired code, the account waits, or the challenge has expired',
  })
  @ApiTooManyRequestsResponse({
    description: `${IP_FAILURES} failed log-ins from this address in 15 minutes`,
  })
  async loginTwoFactor(
    @Body() dto: TwoFactorLoginDto,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokensDto | AccessTokenDto> {
    const tokens = await this.twoFactor.completeLogin(dto.challenge, dto.code, ip);
    return this.answer(res, tokens, dto.useCookie);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'New tokens for a refresh token (rotated: the old one stops working)',
    description:
      `Body { refreshToken }: the answer has the new refresh token. Empty body: the ${REFRESH_COOKIE} ` +
      'cookie is used and replaced, and the answer is { accessToken, expiresIn }.',
  })
  @ApiBody({ type: RefreshDto, required: false })
  @ApiOkResponse({ schema: TOKENS_OR_ACCESS, headers: COOKIE_SET })
  @ApiUnauthorizedResponse({
    description: 'Unknown, used, revoked or expired refresh token (the cookie is cleared)',
  })
  async refresh(
    @Body() dto: RefreshDto | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokensDto | AccessTokenDto> {
    if (dto?.refreshToken) return this.auth.refresh(dto.refreshToken);
    const cookie = readRefreshCookie(req);
    try {
      if (!cookie) throw new UnauthorizedException(SESSION_EXPIRED);
      return this.toCookie(res, await this.auth.refresh(cookie));
    } catch (err) {
      clearRefreshCookie(res, this.secureCookie);
      throw err;
    }
  }

  @Post('logout')
  @Public() // checked here: the bearer token, or the refresh cookie alone (access token expired)
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Log out: ends the session of the bearer token and/or the refresh cookie',
    description: `Works with only the ${REFRESH_COOKIE} cookie too; the cookie is always cleared.`,
  })
  @ApiNoContentResponse({ description: 'Session ended', headers: COOKIE_CLEARED })
  @ApiUnauthorizedResponse({ description: 'Neither a valid access token nor a valid cookie' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const ended = await this.auth.logoutWith(bearerToken(req), readRefreshCookie(req));
    clearRefreshCookie(res, this.secureCookie);
    if (!ended) throw new UnauthorizedException('Niet ingelogd / not signed in');
  }

  @Post('password/forgot')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({
    ip: { limit: 10, ttl: FIFTEEN_MINUTES },
    account: { limit: 3, ttl: FIFTEEN_MINUTES },
  })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Wachtwoord vergeten: e-mails a link to set a new password',
    description:
      'Always the same answer, whether or not the address belongs to an (enabled) account. The ' +
      'link opens /wachtwoord-herstellen?token=… in the web app and works once, for one hour.',
  })
  @ApiAcceptedResponse({ type: MessageDto })
  @ApiTooManyRequestsResponse({
    description: 'More than 3 requests per address or 10 per IP in 15 minutes',
  })
  async forgot(@Body() dto: ForgotPasswordDto): Promise<MessageDto> {
    await this.passwords.forgot(dto.email);
    return { message: FORGOT_ANSWER };
  }

  @Post('password/reset')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ account: true })
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the token of a reset link; ends every session',
  })
  @ApiNoContentResponse({ description: 'Password set; log in with it' })
  @ApiBadRequestResponse({
    description: 'Link used, replaced or expired (field token); password too short',
  })
  async reset(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.passwords.reset(dto.token, dto.password);
  }

  @Post('password/change')
  @ApiBearerAuth()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ account: true })
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change one’s own password; other sessions end, this one stays',
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiBadRequestResponse({
    description: 'Current password wrong (field currentPassword); new one too short',
  })
  async change(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.passwords.change(user, dto.currentPassword, dto.newPassword);
  }

  /** Puts the refresh token in the cookie and leaves it out of the body. */
  /** A log-in's session: the tokens, or (useCookie, the web app) the refresh token as a cookie. */
  private answer(
    res: Response,
    tokens: IssuedTokens,
    useCookie: boolean | undefined,
  ): TokensDto | AccessTokenDto {
    return useCookie ? this.toCookie(res, tokens) : tokens;
  }

  private toCookie(res: Response, tokens: IssuedTokens): AccessTokenDto {
    setRefreshCookie(res, tokens.refreshToken, this.secureCookie);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
  }
}
