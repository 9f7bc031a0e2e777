import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { LEVELS, Level } from '../common/levels';
import { MECHANISMS, Mechanism, NotAdmittedReason } from '../matching';
import { ROUND_STATUSES, RoundStatus } from './round.entity';

export class StartRoundDto {
  @ApiPropertyOptional({ default: false, description: 'simulation: a full report, nothing placed' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ enum: MECHANISMS, enumName: 'Mechanism', default: 'DA_STB_SIC' })
  @IsOptional()
  @IsIn(MECHANISMS)
  mechanism?: Mechanism;
}

export class ScheduleRoundsDto {
  @ApiPropertyOptional({ enum: MECHANISMS, enumName: 'Mechanism', default: 'DA_STB_SIC' })
  @IsOptional()
  @IsIn(MECHANISMS)
  mechanism?: Mechanism;
}

// ---- responses (the shapes RoundsService returns)

export class RoundCounts {
  @ApiProperty() proposals: number;
  @ApiProperty() pending: number;
  @ApiProperty() accepted: number;
  @ApiProperty() declined: number;
}

export class RoundUnplacedGroup {
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: Level;
  @ApiProperty() unplaced: number;
}

export class RoundReportCutoff {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: Level;
  @ApiProperty() capacity: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'priority class of the weakest admitted pupil; null when that pupil has none',
  })
  priority: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'lottery rank of the weakest admitted pupil; null when no one is admitted',
  })
  lottery: number | null;
}

/** What a round did, for the office: written when the round has run (also by a dry run). */
export class RoundReport {
  @ApiProperty() pupils: number;
  @ApiProperty() placed: number;
  @ApiProperty({ description: 'fraction of pupils placed at their first choice (4 decimals)' })
  firstChoiceShare: number;
  @ApiProperty() improvedByCycles: number;
  @ApiProperty({ type: [RoundUnplacedGroup] }) unplacedByGradeLevel: RoundUnplacedGroup[];
  @ApiProperty({ type: [RoundReportCutoff] }) cutoffs: RoundReportCutoff[];
  @ApiProperty() engineMs: number;
}

export class RoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seasonId: string;
  @ApiProperty({ enum: ROUND_STATUSES, enumName: 'RoundStatus' }) status: RoundStatus;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: MECHANISMS, enumName: 'Mechanism' }) mechanism: string;
  @ApiProperty({ description: 'percent done, 0–100' }) progress: number;
  @ApiProperty({ description: 'sha-256 of the lottery seed, public from the start' })
  seedHash: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the lottery seed, revealed once the round has run',
  })
  seed: string | null;
  @ApiProperty({ type: String, nullable: true }) inputHash: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scheduledFor: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: RoundCounts }) counts: RoundCounts;
  @ApiProperty({ type: RoundReport, nullable: true, description: 'null until the round has run' })
  report: RoundReport | null;
}

export class RoundPage {
  @ApiProperty({ type: [RoundView] }) items: RoundView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export const NOT_ADMITTED_REASONS = [
  'NO_SEATS',
  'PRIORITY',
  'LOTTERY',
  'IMPROVEMENT_CYCLE',
  'INCONSISTENT',
] as const satisfies readonly NotAdmittedReason[];

export class RoundCutoff {
  @ApiProperty({ type: Number, nullable: true }) priority: number | null;
  @ApiProperty({ type: Number, nullable: true }) lottery: number | null;
}

/** Why the pupil did not get one program they ranked higher (the engine's ProgramExplanation). */
export class RoundProgramExplanation {
  @ApiProperty({ format: 'uuid', description: 'the offer' }) program: string;
  @ApiProperty({ description: "position in the pupil's list, 1 = first choice" }) rank: number;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'pupils placed there' }) placed: number;
  @ApiProperty() full: boolean;
  @ApiProperty({ type: RoundCutoff }) cutoff: RoundCutoff;
  @ApiProperty({ type: Number, nullable: true, description: "the pupil's own priority class" })
  priority: number | null;
  @ApiProperty({ description: "the pupil's own lottery rank" }) lottery: number;
  @ApiProperty({ enum: NOT_ADMITTED_REASONS, enumName: 'NotAdmittedReason' })
  reason: NotAdmittedReason;
}

export class RoundPupilExplanation {
  @ApiProperty({ format: 'uuid', description: 'the transfer request' }) pupil: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the offer' })
  assigned: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '1 = first choice; null: unplaced' })
  assignedRank: number | null;
  @ApiProperty() lottery: number;
  @ApiProperty({
    type: [RoundProgramExplanation],
    description: 'every program ranked above the one the pupil got (all when unplaced)',
  })
  higherChoices: RoundProgramExplanation[];
}

export class RoundResult {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: unplaced' })
  offerId: string | null;
  @ApiProperty({ type: RoundPupilExplanation }) explanation: RoundPupilExplanation;
}

export class RoundResultPage {
  @ApiProperty({ type: [RoundResult] }) items: RoundResult[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class RoundReplay {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: String, nullable: true }) inputHash: string | null;
  @ApiProperty({ description: 'the re-run gave the stored output byte for byte' })
  identical: boolean;
  @ApiProperty({ description: 'sha-256 of the re-run output' }) outputHash: string;
  @ApiProperty({ description: 'sha-256 of the stored output' }) storedOutputHash: string;
}
