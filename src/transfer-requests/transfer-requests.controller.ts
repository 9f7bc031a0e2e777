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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import {
  CreateTransferRequestDto,
  TransferRequestQueryDto,
  UpdateTransferRequestDto,
  WithdrawDto,
} from './transfer-requests.dto';
import { TransferRequestsService } from './transfer-requests.service';

/** Schoolwisselaarsformulieren. Access is decided per row in the service (transferRequestScope). */
@ApiTags('transfer-requests')
@ApiBearerAuth()
@Controller('transfer-requests')
export class TransferRequestsController {
  constructor(private readonly requests: TransferRequestsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: TransferRequestQueryDto) {
    return this.requests.list(user, q);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.get(user, id);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTransferRequestDto) {
    return this.requests.create(user, dto);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTransferRequestDto,
  ) {
    return this.requests.update(user, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.submit(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawDto,
  ) {
    return this.requests.withdraw(user, id, dto);
  }
}
