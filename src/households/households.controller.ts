import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { UploadedXlsx, XlsxFile, XlsxUpload } from '../common/http/xlsx-upload';
import {
  AddMemberDto, CreateHouseholdDto, DuplicatesQuery, EthnicGroupQuery, HouseholdListQuery, ImportQuery, RemoveMemberQuery,
  SplitOffDto, StatusChangeDto, TemplateQuery, UpdateHouseholdDto, UpdateMemberDto,
} from './households.dto';
import { HouseholdsImportService } from './households-import.service';
import { HouseholdLifecycleService } from './household-lifecycle.service';
import { HouseholdMembersService } from './household-members.service';
import { HouseholdsService } from './households.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly lifecycle: HouseholdLifecycleService,
    private readonly members: HouseholdMembersService,
    private readonly importer: HouseholdsImportService,
  ) {}

  /** Households in the caller's area, filtered, sorted and paged. ID numbers are masked for district and province officers. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: HouseholdListQuery) {
    return this.households.list(user, q);
  }

  /** Registers a household with its head and members (commune officers: their commune). */
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateHouseholdDto) {
    return this.households.create(user, dto);
  }

  /** Likely duplicates to resolve: active households of a commune whose heads have the same name and birth year. */
  @Get('duplicates')
  duplicates(@CurrentUser() user: AuthUser, @Query() q: DuplicatesQuery) {
    return this.households.duplicates(user, q);
  }

  /** The Excel template of the import, with its guide; `commune` adds that commune's villages. */
  @Get('import-template')
  @ApiProduces(XLSX)
  async template(@CurrentUser() user: AuthUser, @Query() q: TemplateQuery, @Res({ passthrough: true }) res: Response) {
    const { buffer, fileName } = await this.importer.template(user, q.commune);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(buffer);
  }

  /**
   * Imports a commune's household list from an .xlsx (layout: the template). All or nothing: any
   * bad row → 400 IMPORT_INVALID listing every problem (row, column, reason) and nothing written.
   */
  @Post('import')
  @ApiOperation({ summary: 'Import households from Excel (multipart field "file")' })
  @XlsxUpload()
  import(@CurrentUser() user: AuthUser, @Query() q: ImportQuery, @UploadedXlsx() file: XlsxFile) {
    return this.importer.import(user, q.commune, { buffer: file.buffer, name: file.originalName }, { dryRun: q.dryRun });
  }

  /** One household: head, members, derived flags, lineage and status history. */
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.households.get(user, id);
  }

  /** Edits the household (optimistic lock: `version`). Changing the head: `headMemberId`. */
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateHouseholdDto) {
    return this.households.update(user, id, dto);
  }

  /** Ends an active household: moved away, merged into another, split into new households, or died out. */
  @Post(':id/status')
  @HttpCode(200)
  changeStatus(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StatusChangeDto) {
    return this.lifecycle.changeStatus(user, id, dto);
  }

  /** Part of the members leave to form a new household (tách hộ); answers the new household. */
  @Post(':id/split-off')
  splitOff(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: SplitOffDto) {
    return this.lifecycle.splitOff(user, id, dto);
  }

  @Post(':id/members')
  addMember(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: AddMemberDto) {
    return this.members.addMember(user, id, dto);
  }

  @Patch(':id/members/:memberId')
  updateMember(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Param('memberId', ParseIdPipe) memberId: number,
    @Body() dto: UpdateMemberDto,
  ) {
    return this.members.updateMember(user, id, memberId, dto);
  }

  @Delete(':id/members/:memberId')
  removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Param('memberId', ParseIdPipe) memberId: number,
    @Query() q: RemoveMemberQuery,
  ) {
    return this.members.removeMember(user, id, memberId, q);
  }
}

@ApiTags('households')
@ApiBearerAuth()
@Controller('ethnic-groups')
export class EthnicGroupsController {
  constructor(private readonly households: HouseholdsService) {}

  /** The 54 ethnic groups of Vietnam (official codes); every group but Kinh is a minority. */
  @Get()
  list(@Query() q: EthnicGroupQuery) {
    return this.households.ethnicGroups(q);
  }
}
