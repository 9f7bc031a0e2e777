import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { SystemService } from './system.service';

@ApiTags('system')
@ApiBearerAuth()
@Roles('admin')
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
