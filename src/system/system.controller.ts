import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ErrorResponseDto } from '../common/errors';
import { PingJob, PingState, QueuesView } from './system.dto';
import { SystemService } from './system.service';

@ApiTags('system')
@ApiBearerAuth()
@Roles('admin')
@Controller('system')
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Post('ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Put a ping job on the queue, to check that a worker consumes jobs' })
  @ApiAcceptedResponse({ type: PingJob })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'queue_unavailable: Redis is unreachable, nothing was queued',
  })
  ping(): Promise<PingJob> {
    return this.system.ping();
  }

  @Get('queues')
  @ApiOperation({
    summary: "Each queue's jobs by state (waiting, active, delayed, failed, …); counts only",
  })
  @ApiOkResponse({ type: QueuesView })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'queue_unavailable: Redis is unreachable',
  })
  async queues(): Promise<QueuesView> {
    return { queues: await this.system.queueCounts() };
  }

  @Get('ping/:jobId')
  @ApiOperation({ summary: "A ping job's state and the worker's answer" })
  @ApiOkResponse({ type: PingState })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'queue_unavailable: Redis is unreachable',
  })
  state(@Param('jobId') jobId: string) {
    return this.system.pingState(jobId);
  }
}
