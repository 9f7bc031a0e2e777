import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PlacementTable, PlacementTableQueryDto } from './mediation.dto';
import { PlacementTableService } from './placement-table.service';

@ApiTags('mediation')
@ApiBearerAuth()
@Controller('seasons/:seasonId')
export class PlacementTableController {
  constructor(private readonly table: PlacementTableService) {}

  /**
   * For a board's placement meeting (plaatsingstafel): its schools' free places beside the
   * region's unplaced pupils who ask for them. Coordinators only for a board of their own school.
   */
  @Get('placement-table')
  @Roles('advisor', 'admin', 'coordinator')
  @ApiOperation({
    summary: "Plaatsingstafel: a board's free places beside the unplaced pupils who ask for them",
  })
  @ApiOkResponse({ type: PlacementTable })
  get(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: PlacementTableQueryDto,
  ): Promise<PlacementTable> {
    return this.table.get(user, seasonId, q.board);
  }
}
