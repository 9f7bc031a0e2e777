import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { ROLES, Role } from '../users/user.entity';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'transfer_request' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) action?: string;
  // strict: 2027-02-30 is refused here, not by PostgreSQL (a 500).
  @ApiPropertyOptional({ format: 'date-time', description: 'from this moment on (inclusive)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'before this moment' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

/** One read or change: who, in which role and school, which row, what; never the values. */
export class AuditEntryView {
  @ApiProperty({ description: 'a bigint, as a string' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the system' })
  userId: string | null;
  @ApiProperty({ enum: ROLES, enumName: 'Role', nullable: true }) role: Role | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId: string | null;
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
