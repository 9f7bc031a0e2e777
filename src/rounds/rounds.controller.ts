import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ErrorResponseDto } from '../common/errors';
import { PageQuery } from '../common/pagination';
import {
  RoundExplanation,
  RoundNamedReport,
  RoundPupilPage,
  RoundPupilsQueryDto,
  RoundPage,
  RoundReplay,
  RoundResultPage,
  RoundView,
  ScheduledRounds,
  ScheduleRoundsDto,
  StartRoundDto,
} from './rounds.dto';
import { RoundInsightService } from './round-insight.service';
import { RoundsService } from './rounds.service';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller()
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly insight: RoundInsightService,
  ) {}

  @Post('seasons/:seasonId/rounds')
  @Roles('admin')
  @ApiOperation({ summary: 'Start a matching round now, or a dry run (admins)' })
  @ApiCreatedResponse({ type: RoundView, description: 'queued; the worker runs it' })
  @ApiConflictResponse({ description: 'another round of the season is queued or running' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'queue_unavailable: Redis is unreachable; no round was made',
  })
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
  @ApiOperation({
    summary:
      "Schedule a round on every round date still ahead in the season's calendar; warns when none is left before the summer holiday (admins)",
  })
  @ApiOkResponse({
    type: ScheduledRounds,
    description:
      'the scheduled rounds (scheduling twice adds none), with a warning when no round is left before the summer holiday',
  })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'queue_unavailable: Redis is unreachable; no round was scheduled',
  })
  schedule(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Body() dto: ScheduleRoundsDto,
  ) {
    return this.rounds.schedule(user, seasonId, dto.mechanism ?? 'DA_STB_SIC');
  }

  @Get('seasons/:seasonId/rounds')
  @Roles('admin', 'advisor')
  @ApiOperation({ summary: "The season's matching rounds, newest first" })
  @ApiOkResponse({ type: RoundPage })
  list(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: PageQuery,
  ) {
    return this.rounds.list(user, seasonId, q);
  }

  @Get('rounds/:id')
  @Roles('admin', 'advisor')
  @ApiOperation({ summary: 'One matching round: state, progress, counts and report' })
  @ApiOkResponse({ type: RoundView })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.get(user, id);
  }

  /** Each pupil's result with the engine's explanation; coordinators see their own pupils. */
  @Get('rounds/:id/results')
  @ApiOperation({ summary: "Each pupil's result with the engine's explanation" })
  @ApiOkResponse({ type: RoundResultPage })
  @ApiConflictResponse({ description: 'the round has not completed' })
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
  @ApiOperation({
    summary: 'Re-run the stored input and seed and compare the output byte for byte (admins)',
  })
  @ApiOkResponse({ type: RoundReplay })
  @ApiConflictResponse({ description: 'the round has not completed' })
  replay(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.replay(user, id);
  }

  @Get('rounds/:id/report')
  @Roles('admin', 'advisor')
  @ApiOperation({
    summary:
      'The round report with school names: per school and program capacity, proposals, cut-off (grens), placed, first choices, improved by cycles; per leerjaar × niveau',
  })
  @ApiOkResponse({ type: RoundNamedReport })
  @ApiConflictResponse({ description: 'the round has not completed' })
  report(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.insight.report(user, id);
  }

  @Get('rounds/:id/pupils')
  @Roles('admin', 'advisor')
  @ApiOperation({ summary: "The round's pupils by name with their result, to pick one (q: name)" })
  @ApiOkResponse({ type: RoundPupilPage })
  @ApiConflictResponse({ description: 'the round has not completed' })
  pupils(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: RoundPupilsQueryDto,
  ) {
    return this.insight.pupils(user, id, q);
  }

  @Get('rounds/:id/explanations/:requestId')
  @Roles('admin', 'advisor')
  @ApiOperation({
    summary:
      'Why a pupil got this result, in plain Dutch: for every school above the one they got (all when unplaced), why not',
  })
  @ApiOkResponse({ type: RoundExplanation })
  @ApiConflictResponse({ description: 'the round has not completed' })
  explanation(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
  ) {
    return this.insight.explanation(user, id, requestId);
  }
}
