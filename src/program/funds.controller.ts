import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CorrectFundEntryDto, CreateFundEntryDto, FundEntryQuery, FundTotalsQuery } from './funds.dto';
import { FundsService } from './funds.service';

@ApiTags('program')
@ApiBearerAuth()
@Controller('program-funds')
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  /** The entries (with the corrected ones unless includeCorrected=false): the history of the funds. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: FundEntryQuery) {
    return this.funds.list(user, q);
  }

  /** Allocated and disbursed per project and sub-project over a unit and its area in a year, with rates. */
  @Get('totals')
  totals(@CurrentUser() user: AuthUser, @Query() q: FundTotalsQuery) {
    return this.funds.totals(user, q);
  }

  /** An entry's correction chain, oldest first. */
  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.funds.history(user, id);
  }

  /** A dated allocation or disbursement. Disbursed above allocated is 422 OVERSPEND unless flagged with a reason. */
  @Roles('admin', 'province', 'district')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateFundEntryDto) {
    return this.funds.create(user, dto);
  }

  /** A new entry that replaces entry :id (never an overwrite). */
  @Roles('admin', 'province', 'district')
  @Post(':id/corrections')
  correct(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: CorrectFundEntryDto) {
    return this.funds.correct(user, id, dto);
  }
}
