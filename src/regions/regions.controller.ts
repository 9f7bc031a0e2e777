import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { NonSchoolDaysService } from './non-school-days.service';
import {
  NonSchoolDayDto,
  NonSchoolDaysView,
  NonSchoolDayView,
  PriorityRulesDto,
  PriorityRulesView,
  RegionSettingsDto,
  RegionSettingsView,
} from './regions.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@ApiBearerAuth()
@Roles('admin')
@Controller('regions/current')
export class RegionsController {
  constructor(
    private readonly regions: RegionsService,
    private readonly nonSchoolDays: NonSchoolDaysService,
  ) {}

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

  @Get('settings')
  @Roles('admin', 'advisor', 'coordinator')
  @ApiOperation({
    summary:
      "The region's settings, e.g. the recommended length of a preference list (everyone in the region)",
  })
  @ApiOkResponse({ type: RegionSettingsView })
  settings(@CurrentUser() user: AuthUser): Promise<RegionSettingsView> {
    return this.regions.settings(user);
  }

  @Put('settings')
  @ApiOperation({ summary: "Change the region's settings (admins, audited)" })
  @ApiOkResponse({ type: RegionSettingsView })
  putSettings(
    @CurrentUser() user: AuthUser,
    @Body() dto: RegionSettingsDto,
  ): Promise<RegionSettingsView> {
    return this.regions.setSettings(user, dto);
  }

  @Get('non-school-days')
  @ApiOperation({
    summary:
      "The region's holiday region and its own days without school (study days), skipped by every count of school days (admins)",
  })
  @ApiOkResponse({ type: NonSchoolDaysView })
  listNonSchoolDays(@CurrentUser() user: AuthUser): Promise<NonSchoolDaysView> {
    return this.nonSchoolDays.list(user);
  }

  @Post('non-school-days')
  @ApiOperation({
    summary:
      'Add a day without school (a study day); answer windows set from now on skip it (admins, audited)',
  })
  @ApiCreatedResponse({ type: NonSchoolDayView })
  @ApiConflictResponse({ description: 'that date is already in the list' })
  addNonSchoolDay(
    @CurrentUser() user: AuthUser,
    @Body() dto: NonSchoolDayDto,
  ): Promise<NonSchoolDayView> {
    return this.nonSchoolDays.add(user, dto);
  }

  @Delete('non-school-days/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a day without school off the list again (admins, audited)' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: 'no such day in your region' })
  removeNonSchoolDay(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.nonSchoolDays.remove(user, id);
  }
}
