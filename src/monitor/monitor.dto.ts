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

// ---- the season over time (MonitorService.timeline)

export class TimelineDay {
  @ApiProperty({ example: '2027-06-21' }) date: string;
  @ApiProperty({ description: 'submitted, waiting for a round' }) submitted: number;
  @ApiProperty({ description: 'a proposal open at the end of the day' }) proposed: number;
  @ApiProperty() placed: number;
  @ApiProperty({ description: 'a mediation case open at the end of the day' }) mediation: number;
  @ApiProperty() withdrawn: number;
}

/** The season's goal: every request that is not a draft or withdrawn placed by the summer holiday. */
export class TimelineGoal {
  @ApiProperty({ example: '2027-07-10', description: 'the first day of the summer holiday' })
  by: string;
  @ApiProperty({ description: 'pupils to have placed by then (the goal line)' }) placed: number;
  @ApiProperty({ description: 'of those, not placed yet' }) stillToPlace: number;
  @ApiProperty() schoolDaysLeft: number;
}

/** For the heat map: positive balance = places to spare, negative = shortage. */
export class TimelineGradeLevel {
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: Level;
  @ApiProperty({ description: 'free places (capacity − placed − pending)' }) freePlaces: number;
  @ApiProperty({ description: 'pupils still seeking a place (submitted or in mediation)' })
  seeking: number;
  @ApiProperty({ description: 'freePlaces − seeking' }) balance: number;
}

export class SeasonTimelineView {
  @ApiProperty({ type: MonitorSeason }) season: MonitorSeason;
  @ApiProperty({
    example: '2027-01-15',
    description: 'first day (entry opens, or earlier activity)',
  })
  from: string;
  @ApiProperty({ description: "last day: today, or the season's end" }) to: string;
  @ApiProperty({
    type: [TimelineDay],
    description: 'counts per status at the end of each day (derived from timestamps)',
  })
  days: TimelineDay[];
  @ApiProperty({ type: TimelineGoal }) goal: TimelineGoal;
  @ApiProperty({ type: [TimelineGradeLevel] }) gradeLevels: TimelineGradeLevel[];
}
