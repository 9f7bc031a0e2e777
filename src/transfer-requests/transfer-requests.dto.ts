import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsDateOnly, NullAsEmpty } from '../common/validation';
import { Level, LEVELS } from '../common/levels';
import {
  DECLINE_REASONS,
  DeclineReason,
  PROPOSAL_STATUSES,
  ProposalStatus,
} from '../proposals/proposal.entity';
import {
  REASONS,
  STATUSES,
  SUPPORT_CATEGORIES,
  TransferReason,
  TransferStatus,
} from './transfer-request.entity';

export const CONSENT_BY = ['ouders', 'leerling', 'ouders-en-leerling'] as const;

export class CreateTransferRequestDto {
  @ApiProperty() @IsUUID() seasonId: string;

  @ApiPropertyOptional({
    description: 'sending school; empty for a pupil moving into the region (advisors only)',
  })
  @IsOptional()
  @IsUUID()
  sendingSchoolId?: string;

  @ApiProperty() @IsString() @Length(1, 100) firstName: string;
  @ApiProperty() @IsString() @Length(1, 100) lastName: string;
  @ApiProperty({ example: '2012-03-14' }) @IsDateOnly() dateOfBirth: string;

  @ApiProperty({ example: '1011 AB' })
  @Matches(/^[1-9][0-9]{3} ?[A-Z]{2}$/, { message: 'postcode moet de vorm 1011 AB hebben' })
  postcode: string;

  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(6) currentGrade: number;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) currentLevel: Level;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(6) requestedGrade: number;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) requestedLevel: Level;
  @ApiPropertyOptional({ nullable: true, description: "'' or null = none" })
  @NullAsEmpty(() => '')
  @IsOptional()
  @IsString()
  @MaxLength(60)
  requestedProfile?: string;
  @ApiProperty({ enum: REASONS }) @IsIn(REASONS) reason: TransferReason;

  @ApiPropertyOptional({
    nullable: true,
    description: 'onderbouwing: support given, the pupil’s context',
  })
  @NullAsEmpty(() => '')
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  justification?: string;

  @ApiPropertyOptional({ enum: SUPPORT_CATEGORIES, isArray: true, nullable: true })
  @NullAsEmpty(() => [])
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SUPPORT_CATEGORIES, { each: true })
  supportCategories?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 10000,
    description: 'ondersteuningsbehoefte (text); encrypted at rest, only in the detail view',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  supportNeeds?: string | null;

  @ApiPropertyOptional({
    enum: CONSENT_BY,
    enumName: 'ConsentBy',
    nullable: true,
    description: 'who gave consent; recorded with the time (null: no consent recorded)',
  })
  @IsOptional()
  @IsIn(CONSENT_BY)
  consentBy?: (typeof CONSENT_BY)[number] | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'school ids, best first',
  })
  @NullAsEmpty(() => [])
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsUUID('all', { each: true })
  preferences?: string[];
}

/**
 * Absent = unchanged. null clears an optional field (NullAsEmpty; supportNeeds and consentBy keep
 * null) and is refused for a required one (firstName, postcode, …).
 */
export class UpdateTransferRequestDto extends PartialType(
  OmitType(CreateTransferRequestDto, ['seasonId', 'sendingSchoolId'] as const),
  { skipNullProperties: false },
) {}

export class WithdrawDto {
  @ApiProperty({ description: 'why the request is withdrawn' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

/** `status=draft,submitted` or `status=draft&status=submitted`: a list of statuses. */
const toList = ({ value }: { value: unknown }): unknown =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).flatMap((v) =>
        typeof v === 'string'
          ? v
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean)
          : [v],
      );

export class TransferRequestQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() seasonId?: string;

  @ApiPropertyOptional({
    enum: STATUSES,
    enumName: 'TransferStatus',
    isArray: true,
    description: 'one or more: status=draft,submitted or status=draft&status=submitted',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(STATUSES.length)
  @IsIn(STATUSES, {
    each: true,
    message: `status: elke status moet een van ${STATUSES.join(', ')} zijn`,
  })
  status?: TransferStatus[];

  @ApiPropertyOptional({ minimum: 1, maximum: 6, description: 'requested leerjaar' })
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

  @ApiPropertyOptional({ format: 'uuid', description: 'sending school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description:
      "search: part of the pupil's first or last name (or both, 'Sanne de V'), case-insensitive; " +
      'or the start of the request id (its first 8 characters are the dossiernummer)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class TransferRequestSummaryQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() seasonId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'sending school; a coordinator only one of their own',
  })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

/** What a list row shows: no justification, no support needs, no postcode. */
export class TransferRequestListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seasonId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: a pupil moving into the region',
  })
  sendingSchoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) sendingSchoolName: string | null;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ format: 'date', example: '2012-03-14' }) dateOfBirth: string;
  @ApiProperty({ description: 'current leerjaar' }) currentGrade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) currentLevel: Level;
  @ApiProperty({ description: 'requested leerjaar' }) requestedGrade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) requestedLevel: Level;
  @ApiProperty({ description: "requested profiel; '' = none" }) requestedProfile: string;
  @ApiProperty({ enum: REASONS, enumName: 'TransferReason' }) reason: TransferReason;
  @ApiProperty({ enum: STATUSES, enumName: 'TransferStatus' }) status: TransferStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) placedOfferId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'proposed: the school of the open proposal; placed: the school of the place',
  })
  receivingSchoolId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'as receivingSchoolId' })
  receivingSchoolName: string | null;
  @ApiProperty({ type: [String], description: 'preferred school ids, best first' })
  preferences: string[];
  @ApiProperty() preferenceCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class TransferRequestPage {
  @ApiProperty({ type: [TransferRequestListItem] }) items: TransferRequestListItem[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

/** A proposal a round made for this form: the way from a form to its proposals. */
export class TransferRequestProposalRef {
  @ApiProperty({ format: 'uuid', description: 'the proposal (GET /proposals/{id})' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid', description: 'the offer (the place) proposed' }) offerId: string;
  @ApiProperty({ format: 'uuid', description: 'the receiving school' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: Level;
  @ApiProperty({ description: "'' = any profile" }) profile: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES, enumName: 'ProposalStatus' }) status: ProposalStatus;
  @ApiProperty({ example: '2027-06-28', description: 'last day to answer (inclusive)' })
  respondBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** The whole form, for the sending school, advisors and admins. */
export class TransferRequestDetail extends TransferRequestListItem {
  @ApiProperty({ example: '1011 AB' }) postcode: string;
  @ApiProperty({ description: 'onderbouwing' }) justification: string;
  @ApiProperty({ enum: SUPPORT_CATEGORIES, isArray: true }) supportCategories: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'ondersteuningsbehoefte (text), decrypted; null when none',
  })
  supportNeeds: string | null;
  @ApiProperty({ enum: CONSENT_BY, enumName: 'ConsentBy', nullable: true })
  consentBy: (typeof CONSENT_BY)[number] | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  consentRecordedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) withdrawalReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({
    description:
      "submitted after the season's entry closed (only advisors and admins may; audited as submit.late)",
  })
  lateEntry: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({
    type: [TransferRequestProposalRef],
    description: 'the proposals rounds made for this form, oldest first',
  })
  proposals: TransferRequestProposalRef[];
}

export const HISTORY_KINDS = [
  'created',
  'updated',
  'list.extended',
  'submitted',
  'withdrawn',
  'proposed',
  'mediation',
  'mediation.opened',
  'placed',
  'returned',
  'proposal.created',
  'proposal.accepted',
  'proposal.declined',
  'proposal.lapsed',
  'proposal.overdue',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
export const ACTOR_ROLES = ['coordinator', 'advisor', 'admin', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** One step of a pupil's history: a status change or a proposal. Never names of staff. */
export class HistoryEntry {
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({
    enum: HISTORY_KINDS,
    enumName: 'HistoryKind',
    description:
      'status changes: created, updated, list.extended (schools added to the list after a round), submitted, withdrawn, proposed (by a round), mediation ' +
      '(by a round), mediation.opened (by an advisor), placed, returned (proposal declined: back ' +
      'to the next round); proposals: proposal.created, proposal.accepted, proposal.declined, ' +
      'proposal.lapsed (the form was withdrawn), proposal.overdue (not answered in time)',
  })
  kind: HistoryKind;
  @ApiPropertyOptional({
    enum: STATUSES,
    enumName: 'TransferStatus',
    description: 'the status after this step, when it changed it',
  })
  status?: TransferStatus;
  @ApiPropertyOptional({ description: 'the receiving school (proposals, placed)' })
  schoolName?: string;
  @ApiPropertyOptional({
    enum: DECLINE_REASONS,
    enumName: 'DeclineReason',
    description: 'proposal.declined: the reason from the fixed list',
  })
  reason?: DeclineReason;
  @ApiPropertyOptional({
    enum: ACTOR_ROLES,
    enumName: 'ActorRole',
    description: 'who took the step (a role, never a name); system = a matching round',
  })
  actorRole?: ActorRole;
}

export class StatusCounts {
  @ApiProperty() draft: number;
  @ApiProperty() submitted: number;
  @ApiProperty() proposed: number;
  @ApiProperty() placed: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() mediation: number;
}

export class TransferRequestSummary {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) seasonId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId: string | null;
  @ApiProperty({ description: 'all requests counted' }) total: number;
  @ApiProperty({ type: StatusCounts, description: 'every status, 0 when none' })
  counts: StatusCounts;
}
