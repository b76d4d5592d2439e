import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { invalid } from '../common/errors/domain-error';
import {
  ClassifyDto, CreateStandardDto, PutDimensionDto, PutIndicatorDto, PutLineDto, StandardListQuery, UpdateStandardDto, VersionQuery,
} from './standards.dto';
import { StandardsService } from './standards.service';

@ApiTags('standards')
@ApiBearerAuth()
@Controller('standards')
export class StandardsController {
  constructor(private readonly standards: StandardsService) {}

  /** The poverty standards with their lines, dimensions and indicators (national and local). */
  @Get()
  list(@Query() q: StandardListQuery) {
    return this.standards.list(q);
  }

  /**
   * Classifies a household without writing anything: the standard of the list year, the income
   * (or Phiếu B1 score) against its line and the deprivations against its cut-off, with the
   * explanation; with `provinceCode`, the province's local classification beside it.
   */
  @Post('classify')
  @HttpCode(200)
  classify(@Body() dto: ClassifyDto) {
    return this.standards.classify(dto);
  }

  @Get(':code')
  get(@Param('code') code: string) {
    return this.standards.get(code);
  }

  /** A new national standard (admin) or a province's local standard (admin or that province's officers). */
  @Post()
  @Roles('admin', 'province')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateStandardDto) {
    return this.standards.create(user, dto);
  }

  @Patch(':code')
  @Roles('admin', 'province')
  update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: UpdateStandardDto) {
    return this.standards.update(user, code, dto);
  }

  /** The income line, the average band and the Phiếu B1 cut-off of one area type. */
  @Put(':code/lines/:areaType')
  @Roles('admin', 'province')
  putLine(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('areaType') areaType: string, @Body() dto: PutLineDto) {
    if (areaType !== 'rural' && areaType !== 'urban') throw invalid('areaType', 'phải là rural (nông thôn) hoặc urban (thành thị)');
    return this.standards.putLine(user, code, areaType, dto);
  }

  @Put(':code/dimensions/:key')
  @Roles('admin')
  putDimension(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('key') key: string, @Body() dto: PutDimensionDto) {
    return this.standards.putDimension(user, code, key, dto);
  }

  @Put(':code/indicators/:key')
  @Roles('admin')
  putIndicator(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('key') key: string, @Body() dto: PutIndicatorDto) {
    return this.standards.putIndicator(user, code, key, dto);
  }

  /** Removes an indicator that no stored result uses. */
  @Delete(':code/indicators/:key')
  @Roles('admin')
  deleteIndicator(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('key') key: string, @Query() q: VersionQuery) {
    return this.standards.deleteIndicator(user, code, key, q.version);
  }
}
