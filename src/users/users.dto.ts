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

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  schoolIds: string[];
}
