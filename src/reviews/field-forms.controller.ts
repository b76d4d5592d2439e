import { Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { UploadedXlsx, XlsxFile, XlsxUpload } from '../common/http/xlsx-upload';
import { contentDisposition, XLSX_CONTENT_TYPE } from '../exports/content-disposition';
import { FieldFormsService } from './field-forms.service';

/** Field collection with ODK Collect / KoboCollect: the round's XLSForm and the import of its submissions. */
@ApiTags('review results')
@ApiBearerAuth()
@Controller('review-rounds/:id')
export class FieldFormsController {
  constructor(private readonly forms: FieldFormsService) {}

  /** The round's questionnaire as an XLSForm (sheets survey, choices, settings) to upload to ODK Central or KoboToolbox. */
  @Get('xlsform')
  @ApiOperation({ summary: "The round's XLSForm: Phiếu A, B1, B2 of the round's standard, the household list as choices" })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'An XLSForm workbook (.xlsx)', schema: { type: 'string', format: 'binary' } })
  async xlsform(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<StreamableFile> {
    const f = await this.forms.xlsform(user, id);
    return new StreamableFile(f.buffer, { type: XLSX_CONTENT_TYPE, disposition: contentDisposition(f.fileName), length: f.buffer.length });
  }

  /**
   * Imports the submissions exported from ODK Central or KoboToolbox (CSV or XLSX) as the round's
   * results: all or nothing, every problem with its row and column; a submission already imported
   * (same meta/instanceID) is skipped.
   */
  @Post('results/import-submissions')
  @HttpCode(200)
  @Roles('admin', 'commune')
  @ApiOperation({ summary: 'Imports an ODK Central / KoboToolbox submissions export (CSV or XLSX) as results' })
  @XlsxUpload({ csv: true })
  importSubmissions(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @UploadedXlsx() file: XlsxFile) {
    return this.forms.importSubmissions(user, id, file);
  }
}
