import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { ROLES, Role } from '../users/user.entity';

/** The filters of the list and of the CSV export. */
export class AuditFilterDto {
  @ApiPropertyOptional({ example: 'transfer_request' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "a pupil's trail: their transfer request, mediation cases and proposals",
  })
  @IsOptional()
  @IsUUID()
  requestId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'who' })
  @IsOptional()
  @IsUUID()
  userId?: string;
  @ApiPropertyOptional({ description: "the action's beginning, e.g. 'round.' or 'update'" })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;
  // strict: 2027-02-30 is refused here, not by PostgreSQL (a 500).
  @ApiPropertyOptional({
    example: '2027-03-01',
    description:
      'from this moment on (inclusive); a date without a time: from the start of that day (Amsterdam)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;
  @ApiPropertyOptional({
    example: '2027-03-31',
    description:
      'before this moment; a date without a time: up to and including that day (Amsterdam)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class AuditQueryDto extends IntersectionType(PageQuery, AuditFilterDto) {}

/** One read or change: who, in which role and school, which row, what; never the values. */
export class AuditEntryView {
  @ApiProperty({ description: 'a bigint, as a string' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the system' })
  userId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the actor's name; null: the system" })
  userName: string | null;
  @ApiProperty({ enum: ROLES, enumName: 'Role', nullable: true }) role: Role | null;
  @ApiProperty({ example: 'beheerder', description: 'the role in Dutch; systeem for the system' })
  roleLabel: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ example: 'transfer_request' }) entity: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ example: 'proposal.read' }) action: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
