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
import { District, DISTRICTS } from './district';

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
  @ApiPropertyOptional({ enum: DISTRICTS, description: 'stadsdeel (from the postcode)' })
  @IsOptional()
  @IsIn(DISTRICTS, { message: `district moet een van ${DISTRICTS.join(', ')} zijn` })
  district?: District;
}

export class SchoolView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) regionId: string;
  @ApiProperty({ example: '12AB00', description: 'BRIN + vestigingsnummer' }) brin: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'bestuur' }) board: string;
  @ApiProperty({ example: '1011 AB' }) postcode: string;
  @ApiProperty({ enum: DISTRICTS, description: 'stadsdeel, from the postcode' })
  district: District;
  @ApiProperty({ enum: LEVELS, isArray: true }) levels: Level[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class SchoolPage {
  @ApiProperty({ type: [SchoolView] }) items: SchoolView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class CoordinatorContact {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class DirectoryEntry {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() brin: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '1011 AB' }) postcode: string;
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty({ type: [CoordinatorContact] }) coordinators: CoordinatorContact[];
}

/** A page of the coordinator directory, schools by name (?page=&limit=, as every list). */
export class DirectoryPage {
  @ApiProperty({ type: [DirectoryEntry] }) items: DirectoryEntry[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
