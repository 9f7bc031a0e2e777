import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LEVELS, Level } from '../common/levels';
import { PageQuery } from '../common/pagination';
import { MECHANISMS, Mechanism, NotAdmittedReason } from '../matching';
import { PriorityReasonClasses } from '../regions/regions.dto';
import { CHOICE_OUTCOMES, ChoiceOutcome } from './explanation-text';
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

/** Priority rules as stored with a round: classes by reason, and for the same board. */
export class RoundPriorityRules {
  @ApiPropertyOptional({ type: PriorityReasonClasses }) reasons?: Partial<PriorityReasonClasses>;
  @ApiPropertyOptional({ type: 'integer' }) sameBoard?: number;
}

/** Pupils taking part for the second (or later) time: after a round left them without a place or a school declined them. */
export class RoundReturning {
  @ApiProperty({
    description: 'pupils in this round who took part in an earlier round of the season',
  })
  pupils: number;
  @ApiProperty({ description: 'how many of them this round placed (a proposal)' })
  placed: number;
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
  @ApiPropertyOptional({
    type: RoundPriorityRules,
    description:
      "the region's priority rules this round used (absent for rounds run before 2026-12)",
  })
  priorityRules?: RoundPriorityRules;
  @ApiPropertyOptional({
    type: RoundReturning,
    description:
      'pupils taking part for the second (or later) time (absent for rounds run before 2026-12)',
  })
  returning?: RoundReturning;
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
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'milliseconds from start to finish by the wall clock (snapshot, engine and writing); null until finished',
  })
  durationMs: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "the matching engine's own milliseconds (part of durationMs); null until run",
  })
  engineMs: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: RoundCounts }) counts: RoundCounts;
  @ApiProperty({ type: RoundReport, nullable: true, description: 'null until the round has run' })
  report: RoundReport | null;
}

/** What scheduling answers: the scheduled rounds, and a warning when none is left before the summer. */
export class ScheduledRounds {
  @ApiProperty({
    type: [RoundView],
    description: 'the scheduled rounds; scheduling twice adds none',
  })
  items: RoundView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "in Dutch, when no round date is left after today before the season's summer holiday; else null",
  })
  warning: string | null;
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

// ---- the report with names, a pupil's explanation, the pupils by name (RoundInsightService)

export class RoundReportTotals {
  @ApiProperty({ description: 'pupils in the round' }) pupils: number;
  @ApiProperty({ description: 'free places the round could fill' }) capacity: number;
  @ApiProperty({ description: 'pupils given a place (proposals; in a dry run: would be)' })
  proposals: number;
  @ApiProperty({ description: 'proposals accepted by the receiving school since' }) placed: number;
  @ApiProperty({ description: 'pupils placed at their first choice' }) firstChoices: number;
  @ApiProperty({ description: 'pupils who got a better place through improvement cycles' })
  improvedByCycles: number;
  @ApiProperty({ description: 'pupils the round could not place' }) unplaced: number;
}

/** One program: a school's offer for one leerjaar × niveau (× profiel). */
export class RoundProgramRow {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: string;
  @ApiProperty({ description: "'' = any profile" }) profile: string;
  @ApiProperty({ example: 'havo 4' }) label: string;
  @ApiProperty({ description: 'free places when the round ran' }) capacity: number;
  @ApiProperty() proposals: number;
  @ApiProperty({ description: 'proposals accepted since' }) placed: number;
  @ApiProperty() firstChoices: number;
  @ApiProperty() improvedByCycles: number;
  @ApiProperty({ description: 'vol: every place went' }) full: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'grens: priority class of the last pupil admitted (null: none, or not full)',
  })
  cutoffPriority: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'grens: lottery number of the last pupil admitted (null when not full)',
  })
  cutoffLottery: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'geen',
    description: 'the cut-off priority in words; null when not full',
  })
  cutoffPriorityLabel: string | null;
  @ApiProperty({ example: 'vol; laatste plaats: lotnummer 212, voorrang geen' })
  cutoffText: string;
}

export class RoundSchoolRow {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() brin: string;
  @ApiProperty() capacity: number;
  @ApiProperty() proposals: number;
  @ApiProperty() placed: number;
  @ApiProperty() firstChoices: number;
  @ApiProperty() improvedByCycles: number;
  @ApiProperty({ type: [RoundProgramRow] }) programs: RoundProgramRow[];
}

export class RoundGradeLevelRow {
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: string;
  @ApiProperty({ description: 'pupils asking for this leerjaar × niveau' }) pupils: number;
  @ApiProperty({ description: 'of those, not placed by the round' }) unplaced: number;
  @ApiProperty() capacity: number;
  @ApiProperty() proposals: number;
  @ApiProperty() placed: number;
  @ApiProperty() firstChoices: number;
  @ApiProperty() improvedByCycles: number;
}

export class RoundPriorityRulesView {
  @ApiProperty({ type: PriorityReasonClasses }) reasons: PriorityReasonClasses;
  @ApiProperty({ type: Number, nullable: true }) sameBoard: number | null;
}

/** The round's report for the office, with school names: per school and program, per leerjaar × niveau. */
export class RoundNamedReport {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) seasonId: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: MECHANISMS, enumName: 'Mechanism' }) mechanism: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: RoundReportTotals }) totals: RoundReportTotals;
  @ApiProperty({
    type: RoundPriorityRulesView,
    nullable: true,
    description: 'the priority rules the round used; null for rounds that did not record them',
  })
  priorityRules: RoundPriorityRulesView | null;
  @ApiProperty({ type: [String], description: 'those rules in Dutch' }) priorityRulesText: string[];
  @ApiProperty({ type: [RoundSchoolRow], description: 'by school name' }) schools: RoundSchoolRow[];
  @ApiProperty({ type: [RoundGradeLevelRow] }) gradeLevels: RoundGradeLevelRow[];
}

export class RoundExplanationLine {
  @ApiProperty({ description: "the school's place in the pupil's list, 1 = first choice" })
  rank: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId: string | null;
  @ApiProperty() schoolName: string;
  @ApiProperty({ example: 'havo 4' }) program: string;
  @ApiProperty({ enum: CHOICE_OUTCOMES, enumName: 'ChoiceOutcome' }) outcome: ChoiceOutcome;
  @ApiProperty({
    example:
      'Amstel Lyceum havo 4 was vol; de laatste plaats ging naar lotnummer 212 (voorrang: geen), deze leerling had lotnummer 540.',
  })
  text: string;
}

export class RoundExplanationPupil {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
}

export class RoundExplanationAssigned {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ example: 'havo 4' }) program: string;
  @ApiProperty({ description: "the school's place in the pupil's list, 1 = first choice" })
  rank: number;
}

export class RoundExplanation {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: RoundExplanationPupil }) pupil: RoundExplanationPupil;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: "the pupil's lottery number in this round (1 = luckiest)" })
  lottery: number;
  @ApiProperty({ type: RoundExplanationAssigned, nullable: true, description: 'null: unplaced' })
  assigned: RoundExplanationAssigned | null;
  @ApiProperty({ example: 'Geplaatst op Amstel Lyceum havo 4 (2e keus)' }) result: string;
  @ApiProperty({
    type: [RoundExplanationLine],
    description: 'every school above the one the pupil got (all when unplaced), in list order',
  })
  lines: RoundExplanationLine[];
  @ApiProperty() summary: string;
}

export class RoundPupilsQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'part of the first or last name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class RoundPupilRow {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() requestedGrade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) requestedLevel: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: instromer' })
  sendingSchoolName: string | null;
  @ApiProperty({ description: 'the round gave a place' }) placed: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'havo 4' }) program: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '1 = first choice; null: unplaced' })
  choice: number | null;
}

export class RoundPupilPage {
  @ApiProperty({ type: [RoundPupilRow] }) items: RoundPupilRow[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
