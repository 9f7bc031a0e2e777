import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import {
  AssignDto,
  CaseDetail,
  CaseNote,
  CasePage,
  CaseQueryDto,
  CaseSuggestions,
  CaseView,
  CloseDto,
  NoteDto,
  OpenCaseDto,
  PlaceDto,
} from './mediation.dto';
import { MediationService } from './mediation.service';

/** The mediation desk: the partnership's advisors (and admins); coordinators are refused (403). */
@ApiTags('mediation')
@ApiBearerAuth()
@Roles('advisor', 'admin')
@Controller('mediation/cases')
export class MediationController {
  constructor(private readonly mediation: MediationService) {}

  /** Cases of the region, most urgent season first; filters combine. */
  @Get()
  @ApiOperation({
    summary:
      "The region's mediation cases, most urgent season first (sort=waiting: open longest first)",
  })
  @ApiOkResponse({ type: CasePage })
  list(@CurrentUser() user: AuthUser, @Query() q: CaseQueryDto): Promise<CasePage> {
    return this.mediation.list(user, q);
  }

  /** Opens a case by hand (e.g. a pupil moving into the region); 409 when one is open already. */
  @Post()
  @ApiOperation({
    summary:
      'Open a mediation case by hand, e.g. for a pupil moving into the region (instromer: also from their draft form, once consent is recorded)',
  })
  @ApiCreatedResponse({ type: CaseView })
  @ApiConflictResponse({ description: 'the pupil has an open case, or a status that cannot' })
  open(@CurrentUser() user: AuthUser, @Body() dto: OpenCaseDto): Promise<CaseView> {
    return this.mediation.open(user, dto);
  }

  /** The case with its notes as a timeline (audited read). */
  @Get(':id')
  @ApiOperation({
    summary:
      "One case with its notes (author names) and the pupil's proposals; the pupil's form is GET /transfer-requests/:requestId",
  })
  @ApiOkResponse({ type: CaseDetail })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CaseDetail> {
    return this.mediation.get(user, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign the case to an advisor of the region (default: yourself)' })
  @ApiOkResponse({ type: CaseView })
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignDto,
  ): Promise<CaseView> {
    return this.mediation.assign(user, id, dto);
  }

  @Post(':id/notes')
  @ApiOperation({ summary: "Add a note to the case's timeline" })
  @ApiCreatedResponse({ type: CaseNote })
  addNote(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: NoteDto,
  ): Promise<CaseNote> {
    return this.mediation.addNote(user, id, dto);
  }

  /** Offers with room for the pupil: own preferences first, then by postcode nearness. */
  @Get(':id/suggestions')
  @ApiOperation({
    summary: 'Offers with room for the pupil: own preferences first, then by postcode nearness',
  })
  @ApiOkResponse({ type: CaseSuggestions })
  suggestions(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CaseSuggestions> {
    return this.mediation.suggestions(user, id);
  }

  /** Manual placement; a full offer only with overCapacityReason (409 without, 400 too short). */
  @Post(':id/place')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Place the pupil by hand; into a full offer only with a written reason',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiConflictResponse({
    description: 'case closed, proposal open, or offer full without a reason',
  })
  place(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PlaceDto,
  ): Promise<CaseView> {
    return this.mediation.place(user, id, dto);
  }

  /** Closes without placement (withdrawn, moved-out, special-education, other). */
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the case without a placement; the request is withdrawn' })
  @ApiOkResponse({ type: CaseView })
  @ApiConflictResponse({ description: 'case closed, pupil placed, or proposal open' })
  close(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CloseDto,
  ): Promise<CaseView> {
    return this.mediation.close(user, id, dto);
  }
}
