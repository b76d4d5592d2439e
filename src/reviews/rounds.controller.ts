import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { DecisionService } from './decision.service';
import { ListKind, ListsService } from './lists.service';
import { ResultsService } from './results.service';
import {
  BaselineDto, CreateComplaintDto, CreateRoundDto, DecideDto, ListQuery, MeetingDto, MovementQuery, OpinionDto, OverdueQuery, PostingDto,
  RecheckComplaintDto, ReclassifyDto, ReportDto, RoundListQuery, StartRoundDto, UpdateRoundDto,
} from './rounds.dto';
import { RoundsService } from './rounds.service';

/**
 * Review rounds: `draft → surveying → meeting → posted → (opinion) → decided → reported`
 * (Decision 24/2021/QĐ-TTg). Commune officers write their commune's rounds; district and
 * province officers read the rounds below them.
 */
@ApiTags('review rounds')
@ApiBearerAuth()
@Controller('review-rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly decision: DecisionService,
    private readonly lists: ListsService,
    private readonly results: ResultsService,
  ) {}

  /** A periodic or regular round; the list year and the standard follow from the kind and year. */
  @Post()
  @Roles('admin', 'commune')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoundDto) {
    return this.rounds.create(user, dto);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: RoundListQuery) {
    return this.rounds.list(user, q);
  }

  /** Rounds past their deadline and not decided: regular rounds 15 days after the 15th, periodic ones after 14 Dec. */
  @Get('overdue')
  overdue(@CurrentUser() user: AuthUser, @Query() q: OverdueQuery) {
    return this.rounds.overdue(user, q);
  }

  /** Imports last year's decided lists as a decided baseline round (the class is given, not computed). */
  @Post('baseline')
  @Roles('admin', 'commune')
  baseline(@CurrentUser() user: AuthUser, @Body() dto: BaselineDto) {
    return this.decision.importBaseline(user, dto);
  }

  /** The round with its counts by class, complaints and the history of its steps. */
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.rounds.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'commune')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateRoundDto) {
    return this.rounds.update(user, id, dto);
  }

  /** draft → surveying. */
  @Post(':id/start')
  @HttpCode(200)
  @Roles('admin', 'commune')
  start(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StartRoundDto) {
    return this.rounds.start(user, id, dto);
  }

  /** surveying → meeting with ≥ 50 % agreement; below that, back to surveying. */
  @Post(':id/meeting')
  @HttpCode(200)
  @Roles('admin', 'commune')
  meeting(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: MeetingDto) {
    return this.rounds.meeting(user, id, dto);
  }

  /** meeting → posted (3 working days), or a new posting after a re-check. */
  @Post(':id/posting')
  @HttpCode(200)
  @Roles('admin', 'commune')
  post(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: PostingDto) {
    return this.rounds.post(user, id, dto);
  }

  /** posted → opinion: the district chairman's opinion (required up to 30 Jun 2025). */
  @Post(':id/opinion')
  @HttpCode(200)
  @Roles('admin', 'commune')
  opinion(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: OpinionDto) {
    return this.rounds.opinion(user, id, dto);
  }

  /** → decided: snapshot, movement, certificates, aggregates; the round is frozen afterwards. */
  @Post(':id/decision')
  @HttpCode(200)
  @Roles('admin', 'commune')
  decide(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: DecideDto) {
    return this.decision.decide(user, id, dto);
  }

  /** decided → reported (sent to the district / province). */
  @Post(':id/report')
  @HttpCode(200)
  @Roles('admin', 'commune')
  report(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: ReportDto) {
    return this.rounds.report(user, id, dto);
  }

  /** A complaint received while the list is posted. */
  @Post(':id/complaints')
  @Roles('admin', 'commune')
  addComplaint(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateComplaintDto) {
    return this.rounds.addComplaint(user, id, dto);
  }

  /** The re-check (phúc tra) of a complaint. */
  @Patch(':id/complaints/:complaintId')
  @Roles('admin', 'commune')
  recheck(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('complaintId', ParseIdPipe) cid: number, @Body() dto: RecheckComplaintDto) {
    return this.rounds.recheckComplaint(user, id, cid, dto);
  }

  /** Re-classifies the results of an open round under the standard as it is now (overrides stay). */
  @Post(':id/reclassify')
  @HttpCode(200)
  @Roles('admin', 'commune')
  reclassify(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: ReclassifyDto) {
    return this.results.reclassify(user, id, dto.version);
  }

  /** poor | near-poor | escaped-poor | escaped-near-poor, with members (public posting, the decision). */
  @Get(':id/lists/:list')
  listOf(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('list') list: string, @Query() q: ListQuery) {
    return this.lists.list(user, id, list as ListKind, q);
  }

  /** Who the round must review (Phụ lục I): the current list and the applicants, with what is done. */
  @Get(':id/review-list')
  reviewList(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: ListQuery) {
    return this.lists.reviewList(user, id, q);
  }

  /** The certificates (Mẫu 03) issued by the decision. */
  @Get(':id/certificates')
  certificates(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: ListQuery) {
    return this.lists.certificates(user, id, q);
  }

  /** The movement of each household against the previous round under the same standard. */
  @Get(':id/movement')
  movement(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: MovementQuery) {
    return this.lists.movement(user, id, q);
  }

  /** The movement summed, households and persons, with the reconciliation checked. */
  @Get(':id/movement/summary')
  movementSummary(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.lists.movementSummary(user, id);
  }
}
