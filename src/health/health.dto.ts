import { ApiProperty } from '@nestjs/swagger';

const SERVICE_STATES = ['up', 'down'] as const;

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: SERVICE_STATES, enumName: 'ServiceState' }) database: 'up' | 'down';
  @ApiProperty({ enum: SERVICE_STATES, enumName: 'ServiceState' }) redis: 'up' | 'down';
}
