import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Public } from '../auth/decorators';
import { HealthReportDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether the database and Redis answer (no log-in needed)' })
  @ApiOkResponse({ type: HealthReportDto, description: 'Database and Redis both answer' })
  @ApiServiceUnavailableResponse({
    type: HealthReportDto,
    description: 'Names the one that is down',
  })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthReportDto> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
