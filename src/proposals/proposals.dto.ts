import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Level, LEVELS } from '../common/levels';
import { PageQuery } from '../common/pagination';
import {
  DECLINE_REASONS,
  DeclineReason,
  PROPOSAL_STATUSES,
  ProposalStatus,
} from './proposal.entity';
import { REASONS, SUPPORT_CATEGORIES } from '../transfer-requests/transfer-request.entity';

export class ProposalQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES, enumName: 'ProposalStatus' })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES, {
    message: `status moet een van de volgende zijn: ${PROPOSAL_STATUSES.join(', ')}`,
  })
  status?: ProposalStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'roundId moet een geldige id zijn' })
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'receiving school' })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId moet een geldige id zijn' })
  schoolId?: string;
}

export class DeclineProposalDto {
  @ApiProperty({ enum: DECLINE_REASONS, enumName: 'DeclineReason' })
  @IsIn(DECLINE_REASONS, {
    message: `reason moet een van de volgende zijn: ${DECLINE_REASONS.join(', ')}`,
  })
  reason: DeclineReason;

  @ApiPropertyOptional({ description: "required when reason is 'anders'", maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'note moet tekst zijn' })
  @MaxLength(2000, { message: 'note mag hoogstens 2000 tekens lang zijn' })
  note?: string;
}

/** The receiving school. */
export class ProposalSchool {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** The place proposed: the offer's leerjaar, niveau and profile. */
export class ProposalOffer {
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) level: Level;
  @ApiProperty({ description: "'' = any profile" }) profile: string;
}

/** Only what a receiving school needs to decide: no postcode, support-needs text or preferences. */
export class ProposalPupil {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ example: '2012-01-01' }) dateOfBirth: string;
  @ApiProperty() requestedGrade: number;
  @ApiProperty({ enum: LEVELS, enumName: 'Level' }) requestedLevel: Level;
  @ApiProperty({ description: "'' = none" }) requestedProfile: string;
  @ApiProperty({ enum: REASONS, enumName: 'TransferReason' }) reason: string;
  @ApiProperty() justification: string;
  @ApiProperty({
    enum: SUPPORT_CATEGORIES,
    enumName: 'SupportCategory',
    isArray: true,
    description: 'the categories of support needs only, never their text',
  })
  supportCategories: string[];
}

export class ProposalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'the form (GET /transfer-requests/{id}); null for a coordinator, who may open only ' +
      "their own schools' forms (then it is given)",
  })
  requestId: string | null;
  @ApiProperty({ format: 'uuid', description: 'the offer (the place) proposed' }) offerId: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES, enumName: 'ProposalStatus' }) status: ProposalStatus;
  @ApiProperty({ example: '2027-06-28', description: 'last day to answer (inclusive)' })
  respondBy: string;
  @ApiProperty({ description: 'pending and past respondBy' }) overdue: boolean;
  @ApiProperty({
    description:
      "school days from today to respondBy (the region's calendar: weekends, public and school holidays, study days skipped); 0 when past",
  })
  schoolDaysLeft: number;
  @ApiProperty({
    example: '2027-06-21',
    description: 'the day the round that made it ran (Amsterdam)',
  })
  roundDate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) respondedAt: Date | null;
  @ApiProperty({ nullable: true, enum: DECLINE_REASONS, enumName: 'DeclineReason' })
  declineReason: DeclineReason | null;
  @ApiProperty({ nullable: true, type: String }) declineNote: string | null;
  @ApiProperty({ type: ProposalSchool }) school: ProposalSchool;
  @ApiProperty({ type: ProposalOffer }) offer: ProposalOffer;
  @ApiProperty({
    type: ProposalPupil,
    nullable: true,
    description: 'null in the answer to a coordinator who has just declined',
  })
  pupil: ProposalPupil | null;
}

export class ProposalPage {
  @ApiProperty({ type: [ProposalView] }) items: ProposalView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
