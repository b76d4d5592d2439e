import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PlanBody, PlanListQuery } from './plans.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  /** Plans of a unit and the units below it (paged). */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: PlanListQuery) {
    return this.plans.list(user, q);
  }

  /** The plan of a unit for a year. */
  @Get(':unitCode/:year')
  get(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('year', ParseIdPipe) year: number) {
    return this.plans.get(user, unitCode, year);
  }

  @ApiOperation({
    summary: 'Sets the plan (kế hoạch giao) of a unit for a year',
    description: 'District and province officers in their area, admins anywhere. 201 when created, 200 when replaced. ' +
      '`unit: points` = target reduction of the poor-household rate in percentage points; `households` = poor households fewer. ' +
      'Reports compute % achieved = actual ÷ target × 100.',
  })
  @Put(':unitCode/:year')
  @Roles('admin', 'province', 'district')
  async put(
    @CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('year', ParseIdPipe) year: number,
    @Body() body: PlanBody, @Res({ passthrough: true }) res: Response,
  ) {
    const { plan, created } = await this.plans.put(user, unitCode, year, body);
    res.status(created ? 201 : 200);
    return plan;
  }

  @Delete(':unitCode/:year')
  @Roles('admin', 'province', 'district')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('year', ParseIdPipe) year: number) {
    await this.plans.remove(user, unitCode, year);
  }
}
