import {
  Controller,
  Get,
  Headers,
  NotFoundException,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import { EnvironmentVariables } from '../../config/env.validation';
import { Public } from '../auth/decorators';
import { Metrics } from './metrics';
import { metricsAccess } from './metrics-access';

/** Prometheus' scrape endpoint, outside /api; its own token, not a user's log-in. */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Prometheus metrics of the API (Authorization: Bearer METRICS_TOKEN; 404 when unset)',
  })
  @ApiHeader({ name: 'Authorization', description: 'Bearer METRICS_TOKEN', required: true })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ description: 'no or a wrong token' })
  @ApiNotFoundResponse({ description: 'METRICS_TOKEN is not set: no metrics' })
  async get(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const access = metricsAccess(this.config.get('METRICS_TOKEN', { infer: true }), authorization);
    if (access === 'disabled') throw new NotFoundException();
    if (access === 'denied') throw new UnauthorizedException('Geen of een onjuiste metrics-token');
    res.type(this.metrics.contentType());
    return this.metrics.render();
  }
}
