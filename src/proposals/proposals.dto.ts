import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Level } from '../common/levels';
import { PageQuery } from '../common/pagination';
import {
  DECLINE_REASONS,
  DeclineReason,
  PROPOSAL_STATUSES,
  ProposalStatus,
} from './proposal.entity';

export class ProposalQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES, {
    message: `status moet een van de volgende zijn: ${PROPOSAL_STATUSES.join(', ')}`,
  })
  status?: ProposalStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'roundId moet een geldige id zijn' })
  roundId?: string;

  @ApiPropertyOptional({ description: 'receiving school' })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId moet een geldige id zijn' })
  schoolId?: string;
}

export class DeclineProposalDto {
  @ApiProperty({ enum: DECLINE_REASONS })
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

class SchoolRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

class OfferRef {
  @ApiProperty() grade: number;
  @ApiProperty() level: Level;
  @ApiProperty({ description: "'' = any profile" }) profile: string;
}

/** Only what a receiving school needs to decide: no postcode, support-needs text or preferences. */
class ProposalPupil {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ example: '2012-01-01' }) dateOfBirth: string;
  @ApiProperty() requestedGrade: number;
  @ApiProperty() requestedLevel: Level;
  @ApiProperty() requestedProfile: string;
  @ApiProperty() reason: string;
  @ApiProperty() justification: string;
  @ApiProperty({ type: [String] }) supportCategories: string[];
}

export class ProposalView {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty({ example: '2027-06-28', description: 'last day to answer (inclusive)' })
  respondBy: string;
  @ApiProperty({ description: 'pending and past respondBy' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: Date }) respondedAt: Date | null;
  @ApiProperty({ nullable: true, enum: DECLINE_REASONS }) declineReason: DeclineReason | null;
  @ApiProperty({ nullable: true, type: String }) declineNote: string | null;
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty({ type: OfferRef }) offer: OfferRef;
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
