import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { PageQuery } from '../common/pagination';
import { IsOptionalNotNull } from '../common/validation';
import { ROLES, Role } from './user.entity';

const PASSWORD_MESSAGE = `wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben`;

export class CreateUserDto {
  @ApiProperty()
  @IsEmail({}, { message: 'email moet een geldig e-mailadres zijn' })
  @MaxLength(320)
  email: string;
  @ApiProperty() @IsString() @Length(2, 200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ type: [String], description: 'schools of a coordinator' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  schoolIds?: string[];
}

/** Absent = unchanged; null is refused (schoolIds: [] empties the list). */
export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(2, 200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptionalNotNull() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() disabled?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  schoolIds?: string[];
}

export class UserQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ type: [String], description: 'schools of a coordinator (empty for others)' })
  schoolIds: string[];
  @ApiProperty({ description: 'logs in with a second factor (TOTP)' })
  twoFactorEnabled: boolean;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class MySchool {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '12AB00', description: 'BRIN + vestigingsnummer' }) brin: string;
}

/** The signed-in user's second factor, for the web app to send them to enrolment when needed. */
export class MeTwoFactor {
  @ApiProperty({ description: 'a second factor is enrolled' }) enabled: boolean;
  @ApiProperty({ description: 'the role (or the region, for coordinators) requires one' })
  required: boolean;
  @ApiProperty({
    description:
      'this session may only enrol one: every route but /users/me and /auth/two-factor/… answers 403',
  })
  enrolmentRequired: boolean;
}

/** The signed-in user, as the web app's header shows them. */
export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid' }) regionId: string;
  @ApiProperty({ description: 'name of the region (samenwerkingsverband)' }) regionName: string;
  @ApiProperty({
    type: [MySchool],
    description: 'a coordinator’s schools, by name; empty for others',
  })
  schools: MySchool[];
  @ApiProperty({ type: [String], description: 'the ids of schools, as in UserView' })
  schoolIds: string[];
  @ApiProperty({ type: MeTwoFactor }) twoFactor: MeTwoFactor;
}
