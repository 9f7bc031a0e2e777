import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { MECHANISMS, Mechanism } from '../matching';

export class StartRoundDto {
  @ApiPropertyOptional({ default: false, description: 'simulation: a full report, nothing placed' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ enum: MECHANISMS, default: 'DA_STB_SIC' })
  @IsOptional()
  @IsIn(MECHANISMS)
  mechanism?: Mechanism;
}

export class ScheduleRoundsDto {
  @ApiPropertyOptional({ enum: MECHANISMS, default: 'DA_STB_SIC' })
  @IsOptional()
  @IsIn(MECHANISMS)
  mechanism?: Mechanism;
}
