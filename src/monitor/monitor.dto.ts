import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Level, LEVELS } from '../common/levels';
import { MONITOR_PARTS, MonitorPart } from './monitor.service';

export class MonitorExportQueryDto {
  @ApiPropertyOptional({
    enum: MONITOR_PARTS,
    enumName: 'MonitorPart',
    default: 'grade-level',
    description: 'which table: per leerjaar × niveau, or per (sending) school',
  })
  @IsOptional()
  @IsIn(MONITOR_PARTS, { message: `part moet een van ${MONITOR_PARTS.join(', ')} zijn` })
  part: MonitorPart = 'grade-level';
}

// ---- responses (the shape MonitorService.get returns)

export class MonitorSeason {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2027-07-10', description: 'first day of the summer holiday' })
  summerHolidayStart: string;
}

/** Counts of requests (drafts and withdrawn ones count nowhere) and the shares placed. */
export class MonitorFigures {
  @ApiProperty() placed: number;
  @ApiProperty({ description: 'of those placed, placed before the summer holiday' })
  placedBeforeSummer: number;
  @ApiProperty() proposed: number;
  @ApiProperty() mediation: number;
  @ApiProperty({ description: 'submitted, not (yet) proposed or placed' }) unplaced: number;
  @ApiProperty({ description: 'placed + proposed + mediation + unplaced' }) total: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'placed / total as a fraction (4 decimals); null when total is 0',
  })
  placedShare: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the headline: placed before the summer holiday / total; null when total is 0',
  })
  placedBeforeSummerShare: number | null;
}

export class MonitorGradeLevelRow extends MonitorFigures {
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: Level;
}

export class MonitorSchoolRow extends MonitorFigures {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: pupils without a sending school here (moved into the region)',
  })
  schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) brin: string | null;
  @ApiProperty() name: string;
}

export class MonitorView {
  @ApiProperty({ type: MonitorSeason }) season: MonitorSeason;
  @ApiProperty() schoolDaysToSummer: number;
  @ApiProperty({ type: MonitorFigures, description: "the whole region's figures, for every role" })
  totals: MonitorFigures;
  @ApiProperty({ type: [MonitorGradeLevelRow] }) byGradeLevel: MonitorGradeLevelRow[];
  @ApiProperty({
    type: [MonitorSchoolRow],
    description: 'per sending school; coordinators get only their own school(s)',
  })
  bySchool: MonitorSchoolRow[];
}
