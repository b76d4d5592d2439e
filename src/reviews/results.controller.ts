/// <reference types="multer" />
import {
  Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Put, Query, Res, UploadedFile, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { DeleteResultQuery, PutResultDto, ResultListQuery } from './results.dto';
import { ResultsImportService } from './results-import.service';
import { ResultsService } from './results.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Results of a round: one per household, classified with an explanation; Excel template and import. */
@ApiTags('review results')
@ApiBearerAuth()
@Controller('review-rounds/:id/results')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly imports: ResultsImportService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Query() q: ResultListQuery) {
    return this.results.list(user, id, q);
  }

  /** The Excel template: the commune's households, one row each, a column per indicator (x marks). */
  @Get('template.xlsx')
  @ApiProduces(XLSX)
  async template(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const { filename, buffer } = await this.imports.template(user, id);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.send(buffer);
  }

  /** Imports a filled template: all or nothing; every bad cell is reported with its row and column. */
  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'commune')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 1024 * 1024 * 1024 } }))
  import(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @UploadedFile() file?: Express.Multer.File) {
    if (!file) throw new DomainError('VALIDATION_FAILED', 'file: an .xlsx file is required (multipart field "file")', [{ field: 'file', message: 'required' }]);
    if (file.size > this.config.UPLOAD_LIMIT_MB * 1024 * 1024) throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${this.config.UPLOAD_LIMIT_MB} MB`);
    if (!/\.xlsx$/i.test(file.originalname) && file.mimetype !== XLSX) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Only .xlsx workbooks are accepted', [{ field: 'file', message: file.mimetype }]);
    }
    return this.imports.import(user, id, file.buffer, file.originalname);
  }

  @Get(':householdId')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('householdId', ParseIntPipe) householdId: number) {
    return this.results.get(user, id, householdId);
  }

  /** Creates or replaces a household's result (with its version when replacing). */
  @Put(':householdId')
  @Roles('admin', 'commune')
  put(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('householdId', ParseIntPipe) householdId: number, @Body() dto: PutResultDto) {
    return this.results.put(user, id, householdId, dto);
  }

  @Delete(':householdId')
  @HttpCode(204)
  @Roles('admin', 'commune')
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('householdId', ParseIntPipe) householdId: number, @Query() q: DeleteResultQuery) {
    return this.results.remove(user, id, householdId, q.version);
  }
}
