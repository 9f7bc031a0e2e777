import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { SchoolsWithPlacesQueryDto, SchoolWithPlaces } from './offers.dto';
import { OffersService } from './offers.service';

/** For the form's preference picker; every role of the region (counts only, no pupils). */
@ApiTags('offers')
@ApiBearerAuth()
@Controller('seasons/:seasonId/schools-with-places')
export class SchoolsWithPlacesController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @ApiOperation({
    summary:
      'Schools of the region offering this leerjaar × niveau (× profiel; an offer without ' +
      'profiel fits too), with their free places, by name',
  })
  @ApiOkResponse({ type: [SchoolWithPlaces] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: SchoolsWithPlacesQueryDto,
  ): Promise<SchoolWithPlaces[]> {
    return this.offers.schoolsWithPlaces(user, seasonId, q);
  }
}
