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
