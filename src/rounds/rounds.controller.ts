import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PageQuery } from '../common/pagination';
import { ScheduleRoundsDto, StartRoundDto } from './rounds.dto';
import { RoundsService } from './rounds.service';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller()
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post('seasons/:seasonId/rounds')
  @Roles('admin')
  start(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Body() dto: StartRoundDto,
  ) {
    return this.rounds.start(user, seasonId, {
      dryRun: dto.dryRun ?? false,
      mechanism: dto.mechanism ?? 'DA_STB_SIC',
    });
  }

  @Post('seasons/:seasonId/rounds/schedule')
  @Roles('admin')
  @HttpCode(200)
  schedule(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Body() dto: ScheduleRoundsDto,
  ) {
    return this.rounds.schedule(user, seasonId, dto.mechanism ?? 'DA_STB_SIC');
  }

  @Get('seasons/:seasonId/rounds')
  @Roles('admin', 'advisor')
  list(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: PageQuery,
  ) {
    return this.rounds.list(user, seasonId, q);
  }

  @Get('rounds/:id')
  @Roles('admin', 'advisor')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.get(user, id);
  }

  /** Each pupil's result with the engine's explanation; coordinators see their own pupils. */
  @Get('rounds/:id/results')
  results(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQuery,
  ) {
    return this.rounds.results(user, id, q);
  }

  @Post('rounds/:id/replay')
  @Roles('admin')
  @HttpCode(200)
  replay(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.replay(user, id);
  }
}
