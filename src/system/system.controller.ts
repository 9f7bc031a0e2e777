import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SystemService } from './system.service';

@ApiTags('system')
@Controller('system')
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Post('ping')
  @HttpCode(202)
  ping() {
    return this.system.ping();
  }

  @Get('ping/:jobId')
  state(@Param('jobId') jobId: string) {
    return this.system.pingState(jobId);
  }
}
