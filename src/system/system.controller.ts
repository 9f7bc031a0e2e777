import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { PingJob, PingState } from './system.dto';
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
  ping(): Promise<PingJob> {
    return this.system.ping();
  }

  @Get('ping/:jobId')
  @ApiOperation({ summary: "A ping job's state and the worker's answer" })
  @ApiOkResponse({ type: PingState })
  state(@Param('jobId') jobId: string) {
    return this.system.pingState(jobId);
  }
}
