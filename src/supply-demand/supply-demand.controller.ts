import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { sendCsv } from '../common/csv';
import { ExportQueryDto, SupplyDemand } from './supply-demand.dto';
import { SupplyDemandService } from './supply-demand.service';

@ApiTags('supply-demand')
@ApiBearerAuth()
@Controller('seasons/:seasonId')
export class SupplyDemandController {
  constructor(private readonly supplyDemand: SupplyDemandService) {}

  /** Free places against demand per leerjaar × niveau and per school (counts only). */
  @Get('supply-demand')
  @ApiOkResponse({ type: SupplyDemand })
  get(@CurrentUser() user: AuthUser, @Param('seasonId', ParseUUIDPipe) seasonId: string) {
    return this.supplyDemand.get(user, seasonId);
  }

  /** One of the two tables as a CSV download (Dutch headers, ; separated, UTF-8 with BOM). */
  @Get('supply-demand.csv')
  @ApiProduces('text/csv')
  @Header('cache-control', 'no-store')
  async csv(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: ExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return sendCsv(res, await this.supplyDemand.csv(user, seasonId, q.part));
  }
}
