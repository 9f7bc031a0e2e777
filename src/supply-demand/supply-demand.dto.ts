import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Level, LEVELS } from '../common/levels';

export const PARTS = ['grade-level', 'school'] as const;
export type Part = (typeof PARTS)[number];

export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: PARTS,
    default: 'grade-level',
    description: 'which table: per leerjaar × niveau, or per school',
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
  @ApiProperty() schoolId: string;
  @ApiProperty() brin: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: "sum of the capacity of the school's offers" }) offered: number;
  @ApiProperty({
    description: 'outgoing pupils still looking: submitted, proposed or mediation',
  })
  sought: number;
}

export class SupplyDemand {
  @ApiProperty({ type: [GradeLevelFigures] }) byGradeLevel: GradeLevelFigures[];
  @ApiProperty({ type: [SchoolFigures] }) bySchool: SchoolFigures[];
}
