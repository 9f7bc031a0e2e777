import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { AuditPage, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: "The region's audit log, newest first (admins)" })
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentUser() user: AuthUser, @Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(user, q);
  }
}
