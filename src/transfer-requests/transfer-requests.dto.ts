import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsDateOnly, NullAsEmpty } from '../common/validation';
import { Level, LEVELS } from '../common/levels';
import { REASONS, STATUSES, TransferReason, TransferStatus } from './transfer-request.entity';

export const SUPPORT_CATEGORIES = [
  'leren',
  'gedrag',
  'sociaal-emotioneel',
  'fysiek-medisch',
  'thuissituatie',
  'taal',
  'anders',
] as const;
export const CONSENT_BY = ['ouders', 'leerling', 'ouders-en-leerling'] as const;

export class CreateTransferRequestDto {
  @ApiProperty() @IsUUID() seasonId: string;

  @ApiPropertyOptional({
    description: 'sending school; empty for a pupil moving into the region (advisors only)',
  })
  @IsOptional()
  @IsUUID()
  sendingSchoolId?: string;

  @ApiProperty() @IsString() @Length(1, 100) firstName: string;
  @ApiProperty() @IsString() @Length(1, 100) lastName: string;
  @ApiProperty({ example: '2012-03-14' }) @IsDateOnly() dateOfBirth: string;

  @ApiProperty({ example: '1011 AB' })
  @Matches(/^[1-9][0-9]{3} ?[A-Z]{2}$/, { message: 'postcode moet de vorm 1011 AB hebben' })
  postcode: string;

  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(6) currentGrade: number;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) currentLevel: Level;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(6) requestedGrade: number;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) requestedLevel: Level;
  @ApiPropertyOptional({ nullable: true, description: "'' or null = none" })
  @NullAsEmpty(() => '')
  @IsOptional()
  @IsString()
  @MaxLength(60)
  requestedProfile?: string;
  @ApiProperty({ enum: REASONS }) @IsIn(REASONS) reason: TransferReason;

  @ApiPropertyOptional({
    nullable: true,
    description: 'onderbouwing: support given, the pupil’s context',
  })
  @NullAsEmpty(() => '')
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  justification?: string;

  @ApiPropertyOptional({ enum: SUPPORT_CATEGORIES, isArray: true, nullable: true })
  @NullAsEmpty(() => [])
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SUPPORT_CATEGORIES, { each: true })
  supportCategories?: string[];

  @ApiPropertyOptional({
    nullable: true,
    description: 'ondersteuningsbehoefte; encrypted at rest, only in the detail view',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  supportNeeds?: string | null;

  @ApiPropertyOptional({
    enum: CONSENT_BY,
    nullable: true,
    description: 'who gave consent; recorded with the time (null: no consent recorded)',
  })
  @IsOptional()
  @IsIn(CONSENT_BY)
  consentBy?: (typeof CONSENT_BY)[number] | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'school ids, best first',
  })
  @NullAsEmpty(() => [])
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsUUID('all', { each: true })
  preferences?: string[];
}

/**
 * Absent = unchanged. null clears an optional field (NullAsEmpty; supportNeeds and consentBy keep
 * null) and is refused for a required one (firstName, postcode, …).
 */
export class UpdateTransferRequestDto extends PartialType(
  OmitType(CreateTransferRequestDto, ['seasonId', 'sendingSchoolId'] as const),
  { skipNullProperties: false },
) {}

export class WithdrawDto {
  @ApiProperty({ description: 'why the request is withdrawn' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class TransferRequestQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() seasonId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: TransferStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(6) grade?: number;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: Level;
  @ApiPropertyOptional({ description: 'sending school' }) @IsOptional() @IsUUID() schoolId?: string;
}
