import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PageQuery } from '../common/pagination';
import { fieldError } from '../common/validation';
import {
  CreateSeasonDto,
  SchoolDaysQueryDto,
  SchoolDaysView,
  SeasonPage,
  SeasonView,
  UpdateSeasonDto,
} from './seasons.dto';
import { SchoolCalendarService } from './school-calendar.service';
import { SeasonsService } from './seasons.service';

@ApiTags('seasons')
@ApiBearerAuth()
@Controller('seasons')
export class SeasonsController {
  constructor(
    private readonly seasons: SeasonsService,
    private readonly calendars: SchoolCalendarService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The region's seasons, newest first" })
  @ApiOkResponse({ type: SeasonPage })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery): Promise<SeasonPage> {
    return this.seasons.list(user, q);
  }

  // Before ':id', which would take 'school-days' for an id.
  @Get('school-days')
  @ApiOperation({
    summary:
      "School days between two dates (both left out) in the region's calendar, for the season editor (any role)",
  })
  @ApiOkResponse({ type: SchoolDaysView })
  async schoolDays(
    @CurrentUser() user: AuthUser,
    @Query() q: SchoolDaysQueryDto,
  ): Promise<SchoolDaysView> {
    if (q.to < q.from) throw fieldError('to', 'to: kies een datum op of na from');
    const cal = await this.calendars.forRegion(user.regionId);
    return { from: q.from, to: q.to, schoolDays: cal.schoolDaysBetween(q.from, q.to) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One season with its calendar' })
  @ApiOkResponse({ type: SeasonView })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SeasonView> {
    return this.seasons.getView(user, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a season and its calendar (admins)' })
  @ApiCreatedResponse({ type: SeasonView })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSeasonDto): Promise<SeasonView> {
    return this.seasons.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: "Change a season's calendar (admins); a round date taken off cancels its round",
  })
  @ApiOkResponse({ type: SeasonView })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSeasonDto,
  ): Promise<SeasonView> {
    return this.seasons.update(user, id, dto);
  }
}
