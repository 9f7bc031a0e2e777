import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { sendCsv } from '../common/csv';
import { CsvUploadErrorsInterceptor } from './csv-upload.interceptor';
import {
  ImportedOffers,
  ImportPreview,
  ImportQueryDto,
  MAX_CSV_BYTES,
  OfferImportUpload,
  OfferPage,
  OfferQueryDto,
  SavedOffers,
  TemplateQueryDto,
  UpsertOffersDto,
} from './offers.dto';
import { OffersService, UploadedCsv } from './offers.service';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('seasons/:seasonId/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  /** Every school's free places (counts only), for every role of the region. */
  @Get()
  @ApiOperation({
    summary: "Every school's free places of the season (counts only), for every role",
  })
  @ApiOkResponse({ type: OfferPage })
  list(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: OfferQueryDto,
  ): Promise<OfferPage> {
    return this.offers.list(user, seasonId, q);
  }

  /** Sets free places; coordinators for their own schools, admins for any school of the region. */
  @Put()
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: 'Set free places in bulk (all or nothing); coordinators for their own schools',
  })
  @ApiOkResponse({ type: SavedOffers })
  @ApiBadRequestResponse({ description: 'errors: [{ row, field, message }], nothing written' })
  @ApiForbiddenResponse({ description: 'a row for a school that is not yours, nothing written' })
  upsert(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Body() dto: UpsertOffersDto,
  ): Promise<SavedOffers> {
    return this.offers.upsert(user, seasonId, dto);
  }

  /**
   * The CSV upload, as a text/csv body or as multipart/form-data with a `file` field (from the
   * browser). ?dryRun=true checks it and shows what would change, saving nothing.
   */
  @Post('import')
  @Roles('admin', 'coordinator')
  @UseInterceptors(
    CsvUploadErrorsInterceptor,
    FileInterceptor('file', { limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 10 } }),
  )
  @ApiOperation({
    summary:
      'Upload free places as CSV (brin;leerjaar;niveau;profiel;plaatsen): all or nothing; ' +
      'dryRun=true shows every row and every bad line and saves nothing',
  })
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiExtraModels(OfferImportUpload)
  @ApiBody({
    description:
      "multipart/form-data: the file in field 'file' (at most 1 MB). text/csv: the body is the " +
      'file’s text itself, e.g. brin;leerjaar;niveau;profiel;plaatsen\\n12AB00;3;havo;;4',
    schema: { $ref: getSchemaPath(OfferImportUpload) },
  })
  @ApiCreatedResponse({ type: ImportedOffers, description: 'saved (without dryRun)' })
  @ApiOkResponse({ type: ImportPreview, description: 'dryRun=true: what would change' })
  @ApiBadRequestResponse({ description: 'errors: [{ line, field, message }], nothing imported' })
  async importCsv(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: ImportQueryDto,
    @Body() body: unknown,
    @UploadedFile() file: UploadedCsv | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportedOffers | ImportPreview> {
    const dryRun = !!(q.dryRun || q.preview);
    const out = await this.offers.importCsv(user, seasonId, body, file, dryRun);
    if (dryRun) res.status(200);
    return out;
  }

  /** A file to fill in and upload again. */
  @Get('template.csv')
  @Roles('admin', 'coordinator')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary:
      'A CSV template (brin;leerjaar;niveau;profiel;plaatsen) with rows for your school(s), ' +
      'or the school given',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: '; separated, UTF-8 with BOM',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async template(
    @CurrentUser() user: AuthUser,
    @Param('seasonId', ParseUUIDPipe) seasonId: string,
    @Query() q: TemplateQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return sendCsv(res, await this.offers.template(user, seasonId, q));
  }
}
