import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MONITOR_PARTS, MonitorPart } from './monitor.service';

export class MonitorExportQueryDto {
  @ApiPropertyOptional({
    enum: MONITOR_PARTS,
    default: 'grade-level',
    description: 'which table: per leerjaar × niveau, or per (sending) school',
  })
  @IsOptional()
  @IsIn(MONITOR_PARTS, { message: `part moet een van ${MONITOR_PARTS.join(', ')} zijn` })
  part: MonitorPart = 'grade-level';
}
