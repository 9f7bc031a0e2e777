import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Response } from 'express';
import { Public } from '../auth/decorators';
import { HealthCheckDto, HealthReportDto } from './health.dto';
import { HealthService } from './health.service';
import { ReadinessIndicators } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly terminus: HealthCheckService,
    private readonly indicators: ReadinessIndicators,
  ) {}

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

  /** Liveness: the process answers. No dependency here, or a database outage restarts the API. */
  @Get('live')
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the API process answers (checks no dependency)' })
  @ApiOkResponse({ type: HealthCheckDto })
  live(): Promise<HealthCheckResult> {
    return this.terminus.check([]);
  }

  /** Readiness: traffic (and the worker's start, docker-compose.yml) waits for this. */
  @Get('ready')
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: the database and Redis answer and no migration is pending',
  })
  @ApiOkResponse({ type: HealthCheckDto })
  @ApiServiceUnavailableResponse({
    type: HealthCheckDto,
    description: '`error` names what is down: database, redis or migrations (pending)',
  })
  ready(): Promise<HealthCheckResult> {
    return this.terminus.check([
      () => this.indicators.database(),
      () => this.indicators.redis(),
      () => this.indicators.migrations(),
    ]);
  }
}
