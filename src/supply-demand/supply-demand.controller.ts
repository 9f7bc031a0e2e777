import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { sendCsv } from '../common/csv';
import { ExportQueryDto, SupplyDemand, SupplyDemandQueryDto } from './supply-demand.dto';
import { SupplyDemandService } from './supply-demand.service';

@ApiTags('supply-demand')
@ApiBearerAuth()
@Controller('seasons/:seasonId')
export class SupplyDemandController {
  constructor(private readonly supplyDemand: SupplyDemandService) {}

  /** The region board: free places against places sought, counts only, for every role. */
  @Get('supply-demand')
  @ApiOperation({
    summary:
      'The region board: per school × leerjaar × niveau × profiel the free places and the ' +
      'places sought (counts only), with totals per leerjaar × niveau and per school',
  })
  @ApiOkResponse({ type: SupplyDemand })
  @ApiNotFoundResponse({ description: 'season not found in your region' })
  get(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: SupplyDemandQueryDto,
  ): Promise<SupplyDemand> {
    return this.supplyDemand.get(user, seasonId, q);
  }

  /** One of the tables as a CSV download (Dutch headers, ; separated, UTF-8 with BOM). */
  @Get('supply-demand.csv')
  @ApiOperation({
    summary:
      'A table of the board as CSV (part = grade-level, school or board), with the same filters',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Dutch column headers, ; separated, UTF-8 with BOM (opens in Excel)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'season not found in your region' })
  @Header('cache-control', 'no-store')
  async csv(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: ExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { part, ...filters } = q;
    return sendCsv(res, await this.supplyDemand.csv(user, seasonId, part, filters));
  }
}
