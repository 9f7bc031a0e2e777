import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull } from '../common/validation';
import { MIN_PASSWORD_LENGTH } from './passwords';

const tooShort = (what: string) => `${what} moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben`;

export class LoginDto {
  @ApiProperty({ example: 'admin@overstap.test' })
  @IsEmail({}, { message: 'email moet een geldig e-mailadres zijn' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    description:
      'true (the web app): the refresh token comes as the httpOnly cookie overstap_refresh ' +
      '(Path=/api/auth, SameSite=Strict) and not in the body',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'useCookie moet true of false zijn' })
  useCookie?: boolean;
}

/** With refreshToken: exchanges it (API clients). Without (empty body): the cookie is used. */
export class RefreshDto {
  @ApiPropertyOptional({ description: 'absent: the overstap_refresh cookie is used' })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken?: string;
}

/** The answer when the refresh token is in the cookie (web app). */
export class AccessTokenDto {
  @ApiProperty({ description: 'JWT for Authorization: Bearer' }) accessToken: string;
  @ApiProperty({ description: 'seconds until the access token expires', example: 900 })
  expiresIn: number;
}

/** The answer for API clients: the refresh token in the body. */
export class TokensDto extends AccessTokenDto {
  @ApiProperty({ description: 'single use: every refresh returns a new one' })
  refreshToken: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'coordinator@school.test' })
  @IsEmail({}, { message: 'email moet een geldig e-mailadres zijn' })
  @MaxLength(320)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'the token from the e-mailed link' })
  @IsString()
  @MinLength(20, { message: 'token is ongeldig' })
  @MaxLength(200, { message: 'token is ongeldig' })
  token: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: tooShort('wachtwoord') })
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'currentPassword is verplicht' })
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: tooShort('het nieuwe wachtwoord') })
  @MaxLength(200)
  newPassword: string;
}

export class MessageDto {
  @ApiProperty({ description: 'a sentence for the user (Dutch)' }) message: string;
}

/** The answer to a correct password when a second factor is enabled: no session yet. */
export class TwoFactorChallengeDto {
  @ApiProperty({
    type: Boolean,
    example: true,
    description: 'always true: a code from the authenticator app must follow',
  })
  twoFactorRequired: true;
  @ApiProperty({
    description: 'send it with the code to POST /auth/login/two-factor; carries the user id only',
  })
  challenge: string;
  @ApiProperty({ description: 'seconds the challenge stays valid', example: 300 })
  expiresIn: number;
}

const CODE_DESCRIPTION =
  'the 6-digit code of the authenticator app, or one of the recovery codes (xxxxx-xxxxx)';

export class TwoFactorLoginDto {
  @ApiProperty({ description: 'from the answer of POST /auth/login' })
  @IsString({ message: 'challenge is ongeldig' })
  @MinLength(20, { message: 'challenge is ongeldig' })
  @MaxLength(2000, { message: 'challenge is ongeldig' })
  challenge: string;

  @ApiProperty({ description: CODE_DESCRIPTION, example: '123456' })
  @IsString({ message: 'code: vul de code in' })
  @MinLength(6, { message: 'code: vul de code van 6 cijfers of een herstelcode in' })
  @MaxLength(20, { message: 'code: vul de code van 6 cijfers of een herstelcode in' })
  code: string;

  @ApiPropertyOptional({
    description: 'as with POST /auth/login: true puts the refresh token in the cookie',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'useCookie moet true of false zijn' })
  useCookie?: boolean;
}

/** A code to confirm enrolment (the new app's) or to disable (the current app's or a recovery code). */
export class TwoFactorCodeDto {
  @ApiProperty({ description: CODE_DESCRIPTION, example: '123456' })
  @IsString({ message: 'code: vul de code in' })
  @MinLength(6, { message: 'code: vul de code van 6 cijfers of een herstelcode in' })
  @MaxLength(20, { message: 'code: vul de code van 6 cijfers of een herstelcode in' })
  code: string;
}

export class TwoFactorStatusView {
  @ApiProperty({ description: 'a second factor is enrolled' }) enabled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enabledAt: string | null;
  @ApiProperty({
    description:
      'the user must have one: admins and advisors always, coordinators when the region requires it',
  })
  required: boolean;
  @ApiProperty({
    description:
      'this session may do nothing but enrol (GET /users/me and these routes); every other route answers 403 two_factor_enrolment_required',
  })
  enrolmentRequired: boolean;
  @ApiProperty({ description: 'unused recovery codes left', example: 10 })
  recoveryCodesLeft: number;
}

export class TwoFactorEnrolmentView {
  @ApiProperty({
    description: 'base32, for typing into the app by hand (shown once; stored encrypted)',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret: string;
  @ApiProperty({
    description: 'otpauth://totp/… for a QR code',
    example: 'otpauth://totp/Overstap:naam%40school.nl?secret=…&issuer=Overstap',
  })
  otpauthUri: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'confirm before this moment' })
  expiresAt: string;
}

export class RecoveryCodesView {
  @ApiProperty({
    type: [String],
    description: 'shown this once: each works once instead of a code from the app',
    example: ['k7mqa-29xpe'],
  })
  recoveryCodes: string[];
}
