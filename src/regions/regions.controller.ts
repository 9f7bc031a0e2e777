import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PriorityRulesDto, PriorityRulesView } from './regions.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@ApiBearerAuth()
@Roles('admin')
@Controller('regions/current')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get('priority-rules')
  @ApiOperation({ summary: "The region's priority classes, used by every next round (admins)" })
  @ApiOkResponse({ type: PriorityRulesView })
  get(@CurrentUser() user: AuthUser): Promise<PriorityRulesView> {
    return this.regions.priorityRules(user);
  }

  @Put('priority-rules')
  @ApiOperation({
    summary: "Replace the region's priority classes; the next round uses them (admins)",
  })
  @ApiOkResponse({ type: PriorityRulesView })
  put(@CurrentUser() user: AuthUser, @Body() dto: PriorityRulesDto): Promise<PriorityRulesView> {
    return this.regions.setPriorityRules(user, dto);
  }
}
