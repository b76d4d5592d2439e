import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { contentDisposition, XLSX_CONTENT_TYPE } from './content-disposition';
import { HouseholdListQuery, UnitYearQuery } from './exports.dto';
import { ExportsService, XlsxFile } from './exports.service';

const XLSX_RESPONSE = { description: 'An Excel workbook (.xlsx)', schema: { type: 'string', format: 'binary' } };

function file(f: XlsxFile): StreamableFile {
  return new StreamableFile(f.buffer, { type: XLSX_CONTENT_TYPE, disposition: contentDisposition(f.fileName), length: f.buffer.length });
}

/** Excel exports in the official layouts (docs/RULES.md §7). Thin: parse, call the service, send. */
@ApiTags('exports')
@ApiBearerAuth()
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('reports/summary.xlsx')
  @ApiOperation({ summary: 'The summary report as a workbook: tables 1–13 of the official layouts and the plan sheet' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse(XLSX_RESPONSE)
  async summary(@CurrentUser() user: AuthUser, @Query() q: UnitYearQuery): Promise<StreamableFile> {
    return file(await this.exports.summary(user, q.unit, q.year));
  }

  @Get('exports/household-list.xlsx')
  @ApiOperation({ summary: 'Tables 14/15: the detailed list of poor or near-poor households with their members, streamed' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse(XLSX_RESPONSE)
  async householdList(@CurrentUser() user: AuthUser, @Query() q: HouseholdListQuery, @Res() res: Response): Promise<void> {
    const plan = await this.exports.planHouseholdList(user, q.unit, q.year, q.class);
    res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', contentDisposition(plan.fileName));
    await this.exports.streamHouseholdList(user, plan, res);
  }

  @Get('exports/rounds/:id/posting-list.xlsx')
  @ApiOperation({ summary: 'The list of a review round for public posting: poor, near-poor, escaped households' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse(XLSX_RESPONSE)
  async postingList(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<StreamableFile> {
    return file(await this.exports.postingList(user, id));
  }

  @Get('exports/rounds/:id/certificates.xlsx')
  @ApiOperation({ summary: 'The certificates (Mẫu 03) the decision of a round issued: register and printable certificates' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse(XLSX_RESPONSE)
  async certificates(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<StreamableFile> {
    return file(await this.exports.certificates(user, id));
  }

  @Get('exports/program-progress.xlsx')
  @ApiOperation({ summary: 'The National Target Program progress report of a unit and year' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse(XLSX_RESPONSE)
  async programProgress(@CurrentUser() user: AuthUser, @Query() q: UnitYearQuery): Promise<StreamableFile> {
    return file(await this.exports.programProgress(user, q.unit, q.year));
  }
}
