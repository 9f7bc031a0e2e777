import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PageQuery } from '../common/pagination';
import {
  CreateSchoolDto,
  DirectoryPage,
  SchoolPage,
  SchoolQueryDto,
  SchoolView,
  UpdateSchoolDto,
} from './schools.dto';
import { SchoolsService } from './schools.service';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  @ApiOperation({
    summary: 'The schools of the region, by name (filter by niveau, bestuur, stadsdeel, text)',
  })
  @ApiOkResponse({ type: SchoolPage })
  list(@CurrentUser() user: AuthUser, @Query() q: SchoolQueryDto): Promise<SchoolPage> {
    return this.schools.list(user, q);
  }

  /** Every school's coordinators (names and e-mail): public to the region. */
  @Get('directory')
  @ApiOperation({ summary: "Every school of the region with its coordinators' contacts" })
  @ApiOkResponse({ type: DirectoryPage })
  directory(@CurrentUser() user: AuthUser, @Query() q: PageQuery): Promise<DirectoryPage> {
    return this.schools.directory(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One school of the region' })
  @ApiOkResponse({ type: SchoolView })
  @ApiNotFoundResponse({ description: 'not a school of your region' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SchoolView> {
    return this.schools.get(user, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a school location (admins)' })
  @ApiCreatedResponse({ type: SchoolView })
  @ApiConflictResponse({ description: 'the BRIN is already used in this region' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSchoolDto): Promise<SchoolView> {
    return this.schools.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a school location (admins); absent fields stay as they are' })
  @ApiOkResponse({ type: SchoolView })
  @ApiConflictResponse({ description: 'the BRIN is already used in this region' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSchoolDto,
  ): Promise<SchoolView> {
    return this.schools.update(user, id, dto);
  }
}
