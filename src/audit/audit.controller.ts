import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { sendCsv } from '../common/csv';
import { AuditFilterDto, AuditPage, AuditQueryDto } from './audit.dto';
import { AUDIT_CSV_MAX_ROWS, AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary:
      "The region's audit log, newest first, with who (name and role), school, entity, action and time (admins)",
  })
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentUser() user: AuthUser, @Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(user, q);
  }
}

/** `/audit.csv`: its own path, so it cannot be a controller method under `audit/`. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit.csv')
export class AuditCsvController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: `The audit log with the same filters as CSV (Dutch headers, ; separated, at most ${AUDIT_CSV_MAX_ROWS} rows; admins)`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'a download: UTF-8 with a BOM, CRLF' })
  @Header('cache-control', 'no-store')
  async csv(
    @CurrentUser() user: AuthUser,
    @Query() q: AuditFilterDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return sendCsv(res, await this.audit.csv(user, q));
  }
}
