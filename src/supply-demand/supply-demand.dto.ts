import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Level, LEVELS } from '../common/levels';
import { MAX_PAGE } from '../common/pagination';
import { District, DISTRICTS } from '../schools/district';

export const PARTS = ['grade-level', 'school', 'board'] as const;
export type Part = (typeof PARTS)[number];

/** The board's rows come in one go: up to 5000 (80 schools × their offers fit easily). */
export const MAX_BOARD_ROWS = 5000;

/** Filters of the region board; the same for the JSON and the CSV. */
export class SupplyDemandFilterDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 6, description: 'leerjaar' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  grade?: number;

  @ApiPropertyOptional({ enum: LEVELS, description: 'niveau' })
  @IsOptional()
  @IsIn(LEVELS, { message: `level moet een van ${LEVELS.join(', ')} zijn` })
  level?: Level;

  @ApiPropertyOptional({
    enum: DISTRICTS,
    description: 'stadsdeel of the school (rows and bySchool; byGradeLevel stays region-wide)',
  })
  @IsOptional()
  @IsIn(DISTRICTS, { message: `district moet een van ${DISTRICTS.join(', ')} zijn` })
  district?: District;

  @ApiPropertyOptional({ format: 'uuid', description: 'one school (rows and bySchool)' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class SupplyDemandQueryDto extends SupplyDemandFilterDto {
  @ApiPropertyOptional({
    type: 'integer',
    default: 1,
    minimum: 1,
    maximum: MAX_PAGE,
    description: 'of rows',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({
    type: 'integer',
    default: MAX_BOARD_ROWS,
    minimum: 1,
    maximum: MAX_BOARD_ROWS,
    description: 'rows per page; the default gives the whole board at once',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BOARD_ROWS)
  limit = MAX_BOARD_ROWS;
}

export class ExportQueryDto extends SupplyDemandFilterDto {
  @ApiPropertyOptional({
    enum: PARTS,
    default: 'grade-level',
    description:
      'which table: per leerjaar × niveau, per school, or the board (school × leerjaar × niveau × profiel)',
  })
  @IsOptional()
  @IsIn(PARTS, { message: `part moet een van ${PARTS.join(', ')} zijn` })
  part: Part = 'grade-level';
}

export class GradeLevelFigures {
  @ApiProperty({ description: 'leerjaar' }) grade: number;
  @ApiProperty({ enum: LEVELS, description: 'niveau' }) level: Level;
  @ApiProperty({ description: 'sum of the capacity of every offer' }) offered: number;
  @ApiProperty({ description: 'pupils asking for it: submitted, proposed, placed or mediation' })
  asking: number;
  @ApiProperty({ description: 'pupils with an open proposal' }) pending: number;
  @ApiProperty({ description: 'pupils placed' }) placed: number;
  @ApiProperty({ description: 'max(0, asking − offered)' }) shortage: number;
}

export class SchoolFigures {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() brin: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DISTRICTS, description: 'stadsdeel, from the postcode' })
  district: District;
  @ApiProperty({ description: "sum of the capacity of the school's offers" }) offered: number;
  @ApiProperty({ description: 'free places: the sum of capacity − placed − pending per offer' })
  remaining: number;
  @ApiProperty({
    description: 'outgoing pupils still looking: submitted, proposed or mediation',
  })
  sought: number;
}

/** One line of the region board: a school's places and its own pupils seeking, for one program. */
export class BoardRow {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() brin: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty({ description: 'leerjaar' }) grade: number;
  @ApiProperty({ enum: LEVELS, description: 'niveau' }) level: Level;
  @ApiProperty({ description: "profiel; '' = none" }) profile: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: the school seeks places here but offers none',
  })
  offerId: string | null;
  @ApiProperty({ description: 'places offered (0 without an offer)' }) capacity: number;
  @ApiProperty() placed: number;
  @ApiProperty({ description: 'held by open proposals' }) pending: number;
  @ApiProperty({ description: 'free places: capacity − placed − pending, never below 0' })
  remaining: number;
  @ApiProperty({
    description:
      "places sought: this school's own pupils asking for this leerjaar × niveau × profiel " +
      'who have no place yet (submitted, proposed or mediation); a count, never names',
  })
  sought: number;
}

export class SupplyDemand {
  @ApiProperty({ type: [GradeLevelFigures], description: 'filtered by grade and level' })
  byGradeLevel: GradeLevelFigures[];
  @ApiProperty({ type: [SchoolFigures], description: 'every school that passes the filters' })
  bySchool: SchoolFigures[];
  @ApiProperty({
    type: [BoardRow],
    description: 'the board, by school name, leerjaar, niveau, profiel; paged by page/limit',
  })
  rows: BoardRow[];
  @ApiProperty({ description: 'rows in total (all pages)' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
