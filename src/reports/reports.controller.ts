import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ReportQuery, TrendQuery } from './reports.dto';
import { ReportsService } from './reports.service';

const ROW = 'Every report has the unit\'s row and `children`: the same row for each unit below it **in that year\'s tree** ' +
  '(a district\'s communes of that year; a province\'s communes directly after the 2025 reform; a commune has none). ' +
  '`status`: `complete`, `incomplete` (some communes not decided yet, listed in `coverage.missing`), `missing` (no decided round: figures are null, never 0). ' +
  'Figures are sums of the per-round aggregates stored when each commune\'s round was decided; rates and shares are % rounded to 2 decimals. ' +
  'Reading a unit outside your area is 403; a unit that did not exist on 31 Dec of the year is 404.';

const CLASS_ROW = (what: string) => ({ type: 'object', nullable: true, description: `${what}, for poor (\`poor\`) and near-poor (\`nearPoor\`) households alike` });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @ApiOperation({
    summary: 'Summary report: households, rates, movement (tables 1–3), plan and % achieved',
    description: 'docs/API.md "Summary report". Start of the period = the previous year\'s decided review (of the commune, or of the communes merged into it). ' +
      'For a baseline year (first round under its standard) the start figures and the movement are null. ' +
      '`poorPersons` / `nearPoorPersons` carry the same figures in persons (nhân khẩu); `multidimensionalRateEnd` is poor + near-poor rate ' +
      '(tỷ lệ nghèo đa chiều), not the poor-household rate; `farmAverage` counts the recognised farm/forestry/fishery households of average living standard (table 1). ' +
      'Every report is reconciled (end = start − exits − otherOut + entries + otherIn for poor and near-poor, households and persons; poor + near-poor ≤ total): ' +
      'one that does not is 500 REPORT_INCONSISTENT naming the unit. ' + ROW,
  })
  @ApiOkResponse({ description: 'The summary report', schema: { type: 'object', example: { unit: { code: '073', name: 'Huyện Chiêm Hóa', level: 'district' }, year: 2022, standard: 'ND07-2021', status: 'complete',
    households: { start: 31223, end: 31344 }, poor: { start: 9776, end: 8162, reduction: 1614, rateStart: 31.31, rateEnd: 26.04, reductionPoints: 5.27, movement: {} },
    plan: { target: 4.32, unit: 'points', achievedPercent: 121.99 }, children: [] } } })
  @Get('summary')
  summary(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.summary(user, q.unit, q.year);
  }

  @ApiOperation({
    summary: 'Tables 4–7: deprivation of basic social services among poor and near-poor households',
    description: 'Per class: households, the total number of deprivations, and per indicator of the standard (in its order, `number` 1…12) ' +
      'the deprived households (tables 4 and 6) and their share of the class\'s households (tables 5 and 7). ' + ROW,
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { poor: CLASS_ROW('{ households, totalDeprivations, indicators: [{ number, key, name, households, share }] }') } } })
  @Get('deprivations')
  deprivations(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.breakdown(user, q.unit, q.year, 'deprivations');
  }

  @ApiOperation({
    summary: 'Table 8: poor and near-poor households by target group',
    description: 'Households and persons: total, ethnic minority (head), no labour capacity, with a người có công, other (none of those three), and female head (tables 12/13). ' +
      'Read from the snapshot taken at the decision. ' + ROW,
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { poor: CLASS_ROW('{ households: { total, ethnicMinority, noLabourCapacity, meritorious, other, femaleHead }, persons: {…} }') } } })
  @Get('target-groups')
  targetGroups(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.breakdown(user, q.unit, q.year, 'target-groups');
  }

  @ApiOperation({ summary: 'Table 9: poor and near-poor households by the head\'s ethnic group', description: 'Kinh, ethnic minorities, and each group present (households, persons, share). ' + ROW })
  @ApiOkResponse({ schema: { type: 'object', properties: { poor: CLASS_ROW('{ households: { total, kinh, ethnicMinority }, persons: {…}, groups: [{ code, name, households, persons, share }] }') } } })
  @Get('ethnic-groups')
  ethnicGroups(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.breakdown(user, q.unit, q.year, 'ethnic-groups');
  }

  @ApiOperation({ summary: 'Table 10: poor and near-poor households by cause of poverty', description: 'Causes 1–8 of Phiếu B; a household may give several, so shares can add up to more than 100. ' + ROW })
  @ApiOkResponse({ schema: { type: 'object', properties: { poor: CLASS_ROW('{ households, causes: [{ code, name, households, share }] }') } } })
  @Get('causes')
  causes(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.breakdown(user, q.unit, q.year, 'causes');
  }

  @ApiOperation({ summary: 'Table 11: deprivations of the children of poor and near-poor households', description: 'Children; health (no health insurance, malnourished) and education (out of school), counts and shares of the children. ' + ROW })
  @ApiOkResponse({ schema: { type: 'object', properties: { poor: CLASS_ROW('{ children, health: { noHealthInsurance: { children, share }, malnourished: {…} }, education: { outOfSchool: {…} } }') } } })
  @Get('children')
  children(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.breakdown(user, q.unit, q.year, 'children');
  }

  @ApiOperation({
    summary: 'Tables 12/13: the review by the multidimensional standard (Kinh / ethnic minority)',
    description: 'Households and persons in total (the round\'s resident totals) and registered at the decision split Kinh / ethnic minority; ' +
      'per class: households and persons Kinh / minority, người có công, no labour capacity, female head, the rate (of resident households) ' +
      'and the minority rate (of registered minority households). The provincial "dân tộc tại chỗ" column is not computed. ' + ROW,
  })
  @Get('multidimensional')
  multidimensional(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.breakdown(user, q.unit, q.year, 'multidimensional');
  }

  @ApiOperation({
    summary: 'Alkire–Foster measures: H, A, M0 = H × A and each indicator\'s contribution',
    description: 'Over the reviewed households of the unit (docs/RULES.md §4): each dimension weighs 1/6, split equally among its indicators; ' +
      'a household is multidimensionally poor when its weighted deprivation score is ≥ k = 25 %. H, A and M0 are ratios (0–1, 4 decimals), ' +
      'contributions are % of M0. The weights are in `method.weights`. A separate lens: not the official poverty rate, which also needs low income. ' + ROW,
  })
  @Get('alkire-foster')
  alkireFoster(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.alkireFoster(user, q.unit, q.year);
  }

  @ApiOperation({
    summary: 'Trends: a unit\'s rates year by year, on today\'s units',
    description: 'For a chart: per year from `from` to `to`, households, poor and near-poor counts and rates, the multidimensional rate, and the fall ' +
      'of the poor rate in points from the previous year (when both years are complete and under one standard). Years are aggregated onto the unit ' +
      'as it is today (or on its last day): communes merged into today\'s communes count with them (docs/RULES.md §5).',
  })
  @Get('trends')
  trends(@CurrentUser() user: AuthUser, @Query() q: TrendQuery) {
    return this.reports.trends(user, q.unit, q.from, q.to);
  }
}
