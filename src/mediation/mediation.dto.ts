import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Level, LEVELS } from '../common/levels';
import { PageQuery } from '../common/pagination';
import { CASE_STATUSES, CaseStatus, CLOSE_OUTCOMES, CloseOutcome } from './mediation-case.entity';

/** Query flags arrive as strings: 'true'/'1' is true, 'false'/'0' false; anything else fails. */
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' || value === true
    ? true
    : value === 'false' || value === '0' || value === false
      ? false
      : value;

export class CaseQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'only cases nobody is assigned to' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'unassigned moet true of false zijn' })
  unassigned?: boolean;

  @ApiPropertyOptional({ description: 'only cases assigned to me' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'mine moet true of false zijn' })
  mine?: boolean;

  @ApiPropertyOptional({ description: 'requested leerjaar' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  grade?: number;

  @ApiPropertyOptional({ enum: LEVELS, description: 'requested niveau' })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ description: 'sending school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() seasonId?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({
    description: "at most this many school days left before the season's summer holiday",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxSchoolDaysLeft?: number;
}

export class OpenCaseDto {
  @ApiProperty({ description: 'the transfer request (pupil)' }) @IsUUID() requestId: string;

  @ApiPropertyOptional({ description: 'first entry of the timeline' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

export class AssignDto {
  @ApiPropertyOptional({ description: 'an advisor of the region; default: yourself' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class NoteDto {
  @ApiProperty({ minLength: 1, maxLength: 5000 })
  @IsString()
  @Length(1, 5000, { message: 'text moet 1 tot 5000 tekens lang zijn' })
  text: string;
}

export const MIN_OVER_CAPACITY_REASON = 10;

export class PlaceDto {
  @ApiProperty() @IsUUID() offerId: string;

  @ApiPropertyOptional({
    description: `needed only when the offer is full: why the pupil is placed over capacity (at least ${MIN_OVER_CAPACITY_REASON} characters)`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  overCapacityReason?: string;
}

export class CloseDto {
  @ApiProperty({
    enum: CLOSE_OUTCOMES,
    description: "placement goes through /place; 'withdrawn' and 'other' need a note",
  })
  @IsIn(CLOSE_OUTCOMES, {
    message: `outcome moet een van ${CLOSE_OUTCOMES.join(', ')} zijn (plaatsen gaat via /place)`,
  })
  outcome: CloseOutcome;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class PlacementTableQueryDto {
  @ApiProperty({ description: 'name of the board (bestuur)' })
  @IsString()
  @Length(1, 200)
  board: string;
}
