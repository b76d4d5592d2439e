import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { BeneficiaryQuery, CreateBeneficiaryDto, EligibilityQuery, UpdateBeneficiaryDto } from './beneficiaries.dto';
import { BeneficiariesService } from './beneficiaries.service';
import { DeleteQuery } from './programs.dto';

@ApiTags('program')
@ApiBearerAuth()
@Controller('program-beneficiaries')
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: BeneficiaryQuery) {
    return this.beneficiaries.list(user, q);
  }

  /** Whether a household may be supported by a project on a date, as which group, and why (nothing written). */
  @Get('eligibility')
  eligibility(@CurrentUser() user: AuthUser, @Query() q: EligibilityQuery) {
    return this.beneficiaries.eligibility(user, q);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.beneficiaries.get(user, id);
  }

  /** A household supported by a project; 422 NOT_ELIGIBLE with the reason when it is not on the year's list. */
  @Roles('admin', 'province', 'district')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateBeneficiaryDto) {
    return this.beneficiaries.create(user, dto);
  }

  @Roles('admin', 'province', 'district')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateBeneficiaryDto) {
    return this.beneficiaries.update(user, id, dto);
  }

  @Roles('admin', 'province', 'district')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: DeleteQuery) {
    return this.beneficiaries.remove(user, id, q.version);
  }
}
