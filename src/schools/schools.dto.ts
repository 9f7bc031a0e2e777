import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { Level, LEVELS } from '../common/levels';

export const BRIN_PATTERN = /^[0-9]{2}[A-Z]{2}[0-9]{2}$/;

export class CreateSchoolDto {
  @ApiProperty({ example: '12AB00', description: 'BRIN + vestigingsnummer' })
  @Matches(BRIN_PATTERN, {
    message: 'brin moet de vorm 12AB00 hebben (2 cijfers, 2 hoofdletters, 2 cijfers)',
  })
  brin: string;

  @ApiProperty() @IsString() @Length(2, 200) name: string;
  @ApiProperty() @IsString() @Length(2, 200) board: string;

  @ApiProperty({ example: '1011 AB' })
  @Matches(/^[1-9][0-9]{3} ?[A-Z]{2}$/, { message: 'postcode moet de vorm 1011 AB hebben' })
  postcode: string;

  @ApiProperty({ enum: LEVELS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(LEVELS, {
    each: true,
    message: `levels: elk niveau moet een van ${LEVELS.join(', ')} zijn`,
  })
  levels: Level[];
}

// Absent = unchanged; null is checked like any value (so refused).
export class UpdateSchoolDto extends PartialType(CreateSchoolDto, { skipNullProperties: false }) {}

export class SchoolQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: Level;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) board?: string;
  @ApiPropertyOptional({ description: 'part of name or BRIN' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
