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
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, DuringTwoFactorEnrolment, Roles } from '../auth/decorators';
import { TwoFactorService } from '../auth/two-factor.service';
import {
  CreateUserDto,
  MeView,
  UpdateUserDto,
  UserPage,
  UserQueryDto,
  UserView,
} from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Get('me')
  @DuringTwoFactorEnrolment()
  @ApiOperation({ summary: 'The signed-in user: name, role, region and schools' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.users.me(user);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: "The region's users, by name (admins)" })
  @ApiOkResponse({ type: UserPage })
  list(@CurrentUser() user: AuthUser, @Query() q: UserQueryDto): Promise<UserPage> {
    return this.users.list(user, q);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One user (admins)' })
  @ApiOkResponse({ type: UserView })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(user, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user in the region (admins)' })
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change a user (admins); a new role, password or disabling ends their sessions',
  })
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(user, id, dto);
  }

  @Post(':id/reset-password')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Send the user a password reset e-mail (as "wachtwoord vergeten" does) and end their sessions (admins)',
  })
  @ApiNoContentResponse({ description: 'the e-mail is on its way; their sessions have ended' })
  @ApiConflictResponse({ description: 'the account is disabled' })
  resetPassword(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.users.resetPassword(user, id);
  }

  @Post(':id/two-factor/reset')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary:
      "Reset a user's second factor (a lost phone): removed with its recovery codes, their sessions end; they enrol again at the next log-in (admins, audited)",
  })
  @ApiNoContentResponse({ description: 'reset; their sessions have ended' })
  @ApiConflictResponse({ description: 'one’s own: renew it on Mijn account instead' })
  resetTwoFactor(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.twoFactor.reset(user, id);
  }
}
