import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { DeclineProposalDto, ProposalPage, ProposalQueryDto, ProposalView } from './proposals.dto';
import { ProposalsService } from './proposals.service';

/**
 * Proposals from matching rounds. Coordinators see and answer those to their own schools;
 * advisors and admins see the region. Access per row is decided in the service.
 */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Get()
  @ApiOperation({
    summary: "Proposals: a coordinator's incoming ones (open or accepted), the region's for others",
  })
  @ApiOkResponse({ type: ProposalPage })
  list(@CurrentUser() user: AuthUser, @Query() q: ProposalQueryDto): Promise<ProposalPage> {
    return this.proposals.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One proposal with what the receiving school needs to decide' })
  @ApiOkResponse({ type: ProposalView })
  @ApiNotFoundResponse({ description: 'not yours to see, or does not exist' })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProposalView> {
    return this.proposals.get(user, id);
  }

  @Post(':id/accept')
  @Roles('coordinator', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a proposal within its response window: the pupil is placed' })
  @ApiOkResponse({ type: ProposalView })
  @ApiConflictResponse({
    description: 'not pending, response window over, or no capacity left',
  })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProposalView> {
    return this.proposals.accept(user, id);
  }

  @Post(':id/decline')
  @Roles('coordinator', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decline a proposal with a reason: the pupil goes back to the next round without this school',
  })
  @ApiOkResponse({ type: ProposalView })
  @ApiConflictResponse({ description: 'not pending' })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclineProposalDto,
  ): Promise<ProposalView> {
    return this.proposals.decline(user, id, dto);
  }
}
