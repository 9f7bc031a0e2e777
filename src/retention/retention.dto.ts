import { ApiProperty } from '@nestjs/swagger';

/** Per part, the rows (or fields) an erasure changes; see src/retention/erasure.ts. */
export class RetentionCountsView {
  @ApiProperty({ description: 'forms whose name, date of birth and postcode go' }) pupils: number;
  @ApiProperty({ description: 'forms whose justification (onderbouwing) goes' })
  justifications: number;
  @ApiProperty({ description: 'forms whose support needs (text and categories) go' })
  supportNeeds: number;
  @ApiProperty({ description: 'forms whose reason of withdrawal goes' }) withdrawalReasons: number;
  @ApiProperty({ description: "advisors' notes (deleted)" }) mediationNotes: number;
  @ApiProperty({ description: 'mediation cases whose outcome note or over-capacity reason goes' })
  mediationTexts: number;
  @ApiProperty({ description: 'declined proposals whose note goes' }) declineNotes: number;
}

export class SeasonRetentionView {
  @ApiProperty({ format: 'uuid' }) seasonId: string;
  @ApiProperty({ example: '2024-2025' }) name: string;
  @ApiProperty({ format: 'date', example: '2024-09-30' }) endsOn: string;
  @ApiProperty({
    format: 'date',
    example: '2026-09-30',
    description: "the last day the season's pupil data is kept; erased from the next night on",
  })
  keptUntil: string;
  @ApiProperty({ description: 'past keptUntil today' }) expired: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when its pupil data was erased; null while kept',
  })
  personalDataErasedAt: Date | null;
  @ApiProperty({
    type: RetentionCountsView,
    nullable: true,
    description: 'expired seasons: what the next erasure changes (all 0 once done); else null',
  })
  toErase: RetentionCountsView | null;
}

export class RetentionPreviewView {
  @ApiProperty({ description: 'RETENTION_YEARS: years pupil data is kept after a season ends' })
  retentionYears: number;
  @ApiProperty({ format: 'date', description: "today in Amsterdam, the preview's date" })
  today: string;
  @ApiProperty({ type: [SeasonRetentionView], description: 'the region’s seasons, oldest first' })
  seasons: SeasonRetentionView[];
}
