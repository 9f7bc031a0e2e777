import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import {
  ImportedOffers,
  OfferPage,
  OfferQueryDto,
  SavedOffers,
  UpsertOffersDto,
} from './offers.dto';
import { OffersService } from './offers.service';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('seasons/:seasonId/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  /** Every school's free places (counts only), for every role of the region. */
  @Get()
  @ApiOkResponse({ type: OfferPage })
  list(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: OfferQueryDto,
  ) {
    return this.offers.list(user, seasonId, q);
  }

  /** Sets free places; coordinators for their own schools, admins for any school of the region. */
  @Put()
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: SavedOffers })
  @ApiBadRequestResponse({ description: 'errors: [{ row, field, message }], nothing written' })
  @ApiForbiddenResponse({ description: 'a row for a school that is not yours, nothing written' })
  upsert(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Body() dto: UpsertOffersDto,
  ) {
    return this.offers.upsert(user, seasonId, dto);
  }

  /** CSV upload as a text/csv body: brin;leerjaar;niveau;profiel;plaatsen (or comma-separated). */
  @Post('import')
  @Roles('admin', 'coordinator')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'brin;leerjaar;niveau;profiel;plaatsen\n12AB00;3;havo;;4\n12AB00;3;vmbo-gt;techniek;2',
    },
  })
  @ApiOkResponse({ type: ImportedOffers })
  @ApiBadRequestResponse({ description: 'errors: [{ line, field, message }], nothing imported' })
  importCsv(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Body() body: string,
  ) {
    return this.offers.importCsv(user, seasonId, body);
  }
}
