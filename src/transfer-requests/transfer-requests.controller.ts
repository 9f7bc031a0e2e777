import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import {
  CreateTransferRequestDto,
  HistoryEntry,
  TransferRequestDetail,
  TransferRequestPage,
  TransferRequestQueryDto,
  TransferRequestSummary,
  TransferRequestSummaryQueryDto,
  UpdateTransferRequestDto,
  WithdrawDto,
} from './transfer-requests.dto';
import { TransferRequestsService } from './transfer-requests.service';

const NOT_VISIBLE = 'not found, or not a pupil of your school (the same answer)';

/** Schoolwisselaarsformulieren. Access is decided per row in the service (AccessService, requestListScope). */
@ApiTags('transfer-requests')
@ApiBearerAuth()
@Controller('transfer-requests')
export class TransferRequestsController {
  constructor(private readonly requests: TransferRequestsService) {}

  @Get()
  @ApiOperation({
    summary:
      'The forms the caller may see (a coordinator: own schools), by last name; search with q, ' +
      'filter by one or more statuses',
  })
  @ApiOkResponse({ type: TransferRequestPage })
  list(
    @CurrentUser() user: AuthUser,
    @Query() q: TransferRequestQueryDto,
  ): Promise<TransferRequestPage> {
    return this.requests.list(user, q);
  }

  @Get('summary')
  @ApiOperation({
    summary:
      'Counts per status in the caller’s scope (a coordinator: own schools), for the start page',
  })
  @ApiOkResponse({ type: TransferRequestSummary })
  @ApiForbiddenResponse({ description: 'schoolId is not one of your schools' })
  @ApiNotFoundResponse({ description: 'season not found in your region' })
  summary(
    @CurrentUser() user: AuthUser,
    @Query() q: TransferRequestSummaryQueryDto,
  ): Promise<TransferRequestSummary> {
    return this.requests.summary(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One form in full (support needs decrypted); the read is audited' })
  @ApiOkResponse({ type: TransferRequestDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TransferRequestDetail> {
    return this.requests.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      'The pupil’s history, oldest first: status changes and proposals with the school’s name ' +
      '(roles, never staff names)',
  })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<HistoryEntry[]> {
    return this.requests.history(user, id);
  }

  @Post()
  @ApiOperation({ summary: 'Enter a form (a draft); advisors may leave out the sending school' })
  @ApiCreatedResponse({ type: TransferRequestDetail })
  @ApiBadRequestResponse({ description: 'errors: [{ field, message }], nothing written' })
  @ApiForbiddenResponse({ description: 'the sending school is not yours' })
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTransferRequestDto,
  ): Promise<TransferRequestDetail> {
    return this.requests.create(user, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft; absent fields stay, null clears an optional one' })
  @ApiOkResponse({ type: TransferRequestDetail })
  @ApiBadRequestResponse({ description: 'errors: [{ field, message }], nothing written' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: 'not a draft any more' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTransferRequestDto,
  ): Promise<TransferRequestDetail> {
    return this.requests.update(user, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit a draft: needs consent, a justification and offered preferences',
  })
  @ApiOkResponse({ type: TransferRequestDetail })
  @ApiBadRequestResponse({ description: 'errors: [{ field, message }] for each missing part' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: 'not a draft' })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TransferRequestDetail> {
    return this.requests.submit(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw an open form with a reason; an open proposal lapses and its place is freed',
  })
  @ApiOkResponse({ type: TransferRequestDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: 'already placed or withdrawn' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawDto,
  ): Promise<TransferRequestDetail> {
    return this.requests.withdraw(user, id, dto);
  }
}
