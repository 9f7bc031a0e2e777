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
import {
  DECLINE_REASONS,
  DeclineReason,
  PROPOSAL_STATUSES,
  ProposalStatus,
} from '../proposals/proposal.entity';
import { District, DISTRICTS } from '../schools/district';
import { STATUSES, TransferStatus } from '../transfer-requests/transfer-request.entity';
import {
  CASE_ORIGINS,
  CASE_STATUSES,
  CaseOrigin,
  CaseStatus,
  CLOSE_OUTCOMES,
  CloseOutcome,
  Outcome,
  OUTCOMES,
} from './mediation-case.entity';
import { MIN_OVER_CAPACITY_REASON } from '../offers/places';

/** Query flags arrive as strings: 'true'/'1' is true, 'false'/'0' false; anything else fails. */
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' || value === true
    ? true
    : value === 'false' || value === '0' || value === false
      ? false
      : value;

export const CASE_SORTS = ['urgent', 'waiting'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export class CaseQueryDto extends PageQuery {
  @ApiPropertyOptional({
    enum: CASE_SORTS,
    enumName: 'CaseSort',
    default: 'urgent',
    description:
      'urgent: the season nearest its summer holiday first; waiting: the case open longest first',
  })
  @IsOptional()
  @IsIn(CASE_SORTS, { message: `sort moet een van ${CASE_SORTS.join(', ')} zijn` })
  sort?: CaseSort;

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

  @ApiPropertyOptional({ enum: LEVELS, enumName: 'Level', description: 'requested niveau' })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ format: 'uuid', description: 'sending school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() seasonId?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
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
  @ApiProperty({ format: 'uuid', description: 'the transfer request (pupil)' })
  @IsUUID()
  requestId: string;

  @ApiPropertyOptional({ description: 'first entry of the timeline' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

export class AssignDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an advisor of the region; default: yourself',
  })
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

export class PlaceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() offerId: string;

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
    enumName: 'CaseCloseOutcome',
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

// ---- responses (the shapes MediationService and PlacementTableService return)

/** The pupil's sending school; null for a pupil moving into the region (instromer). */
export class MediationSendingSchool {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() brin: string;
}

export class CasePupil {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seasonId: string;
  @ApiProperty({ format: 'uuid', description: 'the transfer request' }) requestId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: opened by hand',
  })
  roundId: string | null;
  @ApiProperty({ enum: CASE_ORIGINS, enumName: 'CaseOrigin' }) origin: CaseOrigin;
  @ApiProperty({ enum: CASE_STATUSES, enumName: 'CaseStatus' }) status: CaseStatus;
  @ApiProperty({
    enum: OUTCOMES,
    enumName: 'CaseOutcome',
    nullable: true,
    description: 'null while open',
  })
  outcome: Outcome | null;
  @ApiProperty({ type: String, nullable: true }) outcomeNote: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) placedOfferId: string | null;
  @ApiProperty({ type: String, nullable: true }) overCapacityReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the advisor' })
  assignedTo: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedToName: string | null;
  @ApiProperty({ type: CasePupil }) pupil: CasePupil;
  @ApiProperty({ enum: STATUSES, enumName: 'TransferStatus' }) requestStatus: TransferStatus;
  @ApiProperty() requestedGrade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) requestedLevel: string;
  @ApiProperty({ description: "'' = none" }) requestedProfile: string;
  @ApiProperty({ type: MediationSendingSchool, nullable: true })
  sendingSchool: MediationSendingSchool | null;
  @ApiProperty({
    example: 'instromer',
    description: "the sending school's name, or 'instromer' for a pupil moving into the region",
  })
  sendingSchoolName: string;
  @ApiProperty({
    description: "school days from today until the season's summer holiday (0 once it has begun)",
  })
  schoolDaysLeft: number;
  @ApiProperty({
    description: 'calendar days since the case was opened (until it was closed, once closed)',
  })
  daysWaiting: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "when schools were last added to the pupil's list while the case was open (null: not extended)",
  })
  listExtendedAt: Date | null;
  @ApiProperty({ description: "schools were added to the pupil's list while the case was open" })
  listExtended: boolean;
}

export class CaseNote {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty({ type: String, nullable: true }) authorName: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** One of the pupil's proposals, from any round of the season. */
export class CaseProposal {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ example: 'havo 4' }) program: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES, enumName: 'ProposalStatus' }) status: ProposalStatus;
  @ApiProperty({ enum: DECLINE_REASONS, enumName: 'DeclineReason', nullable: true })
  declineReason: DeclineReason | null;
  @ApiProperty({ type: String, nullable: true }) declineNote: string | null;
  @ApiProperty({ example: '2027-06-28' }) respondBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: Date | null;
}

/**
 * The case with the notes (author names) and the pupil's proposals. The pupil's form itself
 * (justification, support needs, preferences) is GET /transfer-requests/:requestId.
 */
export class CaseDetail extends CaseView {
  @ApiProperty({ type: [CaseNote], description: 'the timeline, oldest first' }) notes: CaseNote[];
  @ApiProperty({ type: [CaseProposal], description: "the pupil's proposals, oldest first" })
  proposals: CaseProposal[];
}

export class CasePage {
  @ApiProperty({ type: [CaseView] }) items: CaseView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

/** An offer with room for the pupil. */
export class CaseSuggestion {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() brin: string;
  @ApiProperty() board: string;
  @ApiProperty() postcode: string;
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: string;
  @ApiProperty({ description: "'' = any profile" }) profile: string;
  @ApiProperty() capacity: number;
  @ApiProperty() placed: number;
  @ApiProperty() pending: number;
  @ApiProperty() remaining: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "rank in the pupil's own preferences; null when the pupil did not list the school",
  })
  preferenceRank: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'distance between the postcode areas of pupil and school; null when unknown',
  })
  distance: number | null;
  @ApiProperty({ description: 'the school declined this pupil before (in a round)' })
  declinedBefore: boolean;
  @ApiProperty({ enum: DISTRICTS, enumName: 'District', description: "the school's district" })
  district: District;
  @ApiProperty({
    enum: DISTRICTS,
    enumName: 'District',
    description: "the district of the pupil's postcode",
  })
  pupilDistrict: District;
  @ApiProperty({ example: 'zelfde stadsdeel (Oost)', description: 'nearness in words' })
  distanceHint: string;
}

export class CaseSuggestions {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() requestedGrade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) requestedLevel: string;
  @ApiProperty() requestedProfile: string;
  @ApiProperty({
    type: [CaseSuggestion],
    description: "the pupil's own preferences first, then by postcode nearness",
  })
  items: CaseSuggestion[];
}

export class PlacementTableSeason {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class PlacementTableSchool {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() brin: string;
  @ApiProperty() name: string;
}

export class PlacementTableOffer {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() brin: string;
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: string;
  @ApiProperty({ description: "'' = any profile" }) profile: string;
  @ApiProperty({ description: 'free places' }) remaining: number;
}

/**
 * A pupil at the plaatsingstafel. Need to know: a coordinator sees another school's pupil as an
 * anonymous case (case number, leerjaar, niveau, profiel, sending school, days waiting); the name,
 * the form and the mediation case only for their own school's pupils. Advisors and admins see all.
 */
export class PlacementTablePupil {
  @ApiProperty({
    example: '3f2a9c1d',
    description: 'the dossiernummer: the first 8 characters of the form’s id',
  })
  caseNumber: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the transfer request; null when the caller may not open the form',
  })
  requestId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null: not for the caller to know' })
  firstName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null: not for the caller to know' })
  lastName: string | null;
  @ApiProperty() requestedGrade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) requestedLevel: string;
  @ApiProperty() requestedProfile: string;
  @ApiProperty({ type: MediationSendingSchool, nullable: true })
  sendingSchool: MediationSendingSchool | null;
  @ApiProperty() inMediation: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the open mediation case; null when none or not for the caller to open',
  })
  mediationCaseId: string | null;
  @ApiProperty({ description: 'calendar days since the form was submitted' })
  daysWaiting: number;
}

/** The plaatsingstafel of one board: its free places beside the pupils who ask for them. */
export class PlacementTable {
  @ApiProperty({ type: PlacementTableSeason }) season: PlacementTableSeason;
  @ApiProperty() board: string;
  @ApiProperty({ type: [PlacementTableSchool] }) schools: PlacementTableSchool[];
  @ApiProperty({ type: [PlacementTableOffer] }) offers: PlacementTableOffer[];
  @ApiProperty({ type: [PlacementTablePupil] }) pupils: PlacementTablePupil[];
}
