import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { sendCsv } from '../common/csv';
import { MonitorExportQueryDto, MonitorView, SeasonTimelineView } from './monitor.dto';
import { MonitorService } from './monitor.service';

/** Every role of the region; coordinators see their own school's row and the region's totals. */
@ApiTags('monitor')
@ApiBearerAuth()
@Controller('seasons/:seasonId')
export class MonitorController {
  constructor(private readonly monitor: MonitorService) {}

  /** School days to the summer holiday; placed, proposed, in mediation, unplaced; the share. */
  @Get('monitor')
  @ApiOperation({
    summary: 'Season monitor: placed, proposed, in mediation and unplaced, and the share placed',
  })
  @ApiOkResponse({ type: MonitorView })
  get(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
  ): Promise<MonitorView> {
    return this.monitor.get(user, seasonId);
  }

  @Get('monitor/timeline')
  @ApiOperation({
    summary:
      'Season monitor over time: counts per status per day, the goal line, and free places against pupils seeking per leerjaar × niveau',
  })
  @ApiOkResponse({ type: SeasonTimelineView })
  timeline(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
  ): Promise<SeasonTimelineView> {
    return this.monitor.timeline(user, seasonId);
  }

  @Get('monitor.csv')
  @ApiOperation({ summary: 'One table of the season monitor as CSV (Dutch headers, ; separated)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: { type: 'string' },
    description: 'a download: UTF-8 with a BOM, CRLF, the totals last',
  })
  @Header('cache-control', 'no-store')
  async csv(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: MonitorExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return sendCsv(res, await this.monitor.csv(user, seasonId, q.part));
  }
}
