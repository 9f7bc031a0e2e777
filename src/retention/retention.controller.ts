import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { RetentionPreviewView } from './retention.dto';
import { RetentionService } from './retention.service';

@ApiTags('retention')
@ApiBearerAuth()
@Roles('admin')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('preview')
  @ApiOperation({
    summary:
      'Per season of the region: until when its pupil data is kept, and what the nightly erasure would change now (admins; changes nothing)',
  })
  @ApiOkResponse({ type: RetentionPreviewView })
  preview(@CurrentUser() user: AuthUser): Promise<RetentionPreviewView> {
    return this.retention.preview(user);
  }
}
