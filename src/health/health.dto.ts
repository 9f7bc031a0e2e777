import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const SERVICE_STATES = ['up', 'down'] as const;

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: SERVICE_STATES, enumName: 'ServiceState' }) database: 'up' | 'down';
  @ApiProperty({ enum: SERVICE_STATES, enumName: 'ServiceState' }) redis: 'up' | 'down';
}

/** One Terminus indicator's state. */
export class IndicatorDto {
  @ApiProperty({ enum: SERVICE_STATES, enumName: 'ServiceState' }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'why it is down, e.g. "migrations pending"' })
  message?: string;
}

/** The indicators of /health/ready, by name (none for /health/live). */
export class ReadinessChecksDto {
  @ApiPropertyOptional({ type: IndicatorDto }) database?: IndicatorDto;
  @ApiPropertyOptional({ type: IndicatorDto }) redis?: IndicatorDto;
  @ApiPropertyOptional({ type: IndicatorDto }) migrations?: IndicatorDto;
}

/** Terminus' answer: `info` the indicators up, `error` those down, `details` all of them. */
export class HealthCheckDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @ApiPropertyOptional({ type: ReadinessChecksDto }) info?: ReadinessChecksDto;
  @ApiPropertyOptional({ type: ReadinessChecksDto }) error?: ReadinessChecksDto;
  @ApiProperty({ type: ReadinessChecksDto }) details: ReadinessChecksDto;
}
