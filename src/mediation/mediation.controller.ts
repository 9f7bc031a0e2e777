import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { AssignDto, CaseQueryDto, CloseDto, NoteDto, OpenCaseDto, PlaceDto } from './mediation.dto';
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
  list(@CurrentUser() user: AuthUser, @Query() q: CaseQueryDto) {
    return this.mediation.list(user, q);
  }

  /** Opens a case by hand (e.g. a pupil moving into the region); 409 when one is open already. */
  @Post()
  open(@CurrentUser() user: AuthUser, @Body() dto: OpenCaseDto) {
    return this.mediation.open(user, dto);
  }

  /** The case with its notes as a timeline (audited read). */
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.mediation.get(user, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignDto,
  ) {
    return this.mediation.assign(user, id, dto);
  }

  @Post(':id/notes')
  addNote(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: NoteDto,
  ) {
    return this.mediation.addNote(user, id, dto);
  }

  /** Offers with room for the pupil: own preferences first, then by postcode nearness. */
  @Get(':id/suggestions')
  suggestions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.mediation.suggestions(user, id);
  }

  /** Manual placement; a full offer only with overCapacityReason (409 without, 400 too short). */
  @Post(':id/place')
  @HttpCode(200)
  place(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PlaceDto,
  ) {
    return this.mediation.place(user, id, dto);
  }

  /** Closes without placement (withdrawn, moved-out, special-education, other). */
  @Post(':id/close')
  @HttpCode(200)
  close(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CloseDto,
  ) {
    return this.mediation.close(user, id, dto);
  }
}
