import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { UploadedXlsx, XlsxFile, XlsxUpload } from '../common/http/xlsx-upload';
import { DeleteResultQuery, PutResultDto, ResultListQuery } from './results.dto';
import { ResultsImportService } from './results-import.service';
import { ResultsService } from './results.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Results of a round: one per household, classified with an explanation; Excel template and import. */
@ApiTags('review results')
@ApiBearerAuth()
@Controller('review-rounds/:id/results')
export class ResultsController {
  constructor(private readonly results: ResultsService, private readonly imports: ResultsImportService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: ResultListQuery) {
    return this.results.list(user, id, q);
  }

  /** The Excel template: the commune's households, one row each, a column per indicator (x marks). */
  @Get('template.xlsx')
  @ApiProduces(XLSX)
  async template(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res() res: Response) {
    const { filename, buffer } = await this.imports.template(user, id);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.send(buffer);
  }

  /** Imports a filled template: all or nothing; every bad cell is reported with its row and column. */
  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'commune')
  @XlsxUpload()
  import(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @UploadedXlsx() file: XlsxFile) {
    return this.imports.import(user, id, file.buffer, file.originalName);
  }

  @Get(':householdId')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('householdId', ParseIdPipe) householdId: number) {
    return this.results.get(user, id, householdId);
  }

  /** Creates or replaces a household's result (with its version when replacing). */
  @Put(':householdId')
  @Roles('admin', 'commune')
  put(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('householdId', ParseIdPipe) householdId: number, @Body() dto: PutResultDto) {
    return this.results.put(user, id, householdId, dto);
  }

  @Delete(':householdId')
  @HttpCode(204)
  @Roles('admin', 'commune')
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('householdId', ParseIdPipe) householdId: number, @Query() q: DeleteResultQuery) {
    return this.results.remove(user, id, householdId, q.version);
  }
}
