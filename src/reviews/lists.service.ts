import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { maskIdNumbers } from '../auth/masking';
import { ScopeService } from '../auth/scope.service';
import { DomainError } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { movementTotalsFromMetrics } from '../aggregates/domain/movement-metrics';
import { reconciliationErrors } from './domain/movement';
import { isFrozen } from './domain/round-state';
import { assertFound, referenceDate } from './reviews.common';
import { ListKind, LISTS, ListsRepository } from './lists.repository';
import { ListQuery, MovementQuery } from './rounds.dto';
import { RoundsRepository } from './rounds.repository';

export { LISTS } from './lists.repository';
export type { ListKind } from './lists.repository';

/**
 * The lists of a round for public posting and the chairman's decision (poor, near-poor, escaped
 * poverty, escaped near-poverty) with members, the certificates issued, and the movement. A
 * decided round shows what the decision snapshotted; an open one shows the register as it is.
 */
@Injectable()
export class ListsService {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly repo: ListsRepository,
    private readonly scope: ScopeService,
  ) {}

  private async round(user: AuthUser, id: number) {
    const round = assertFound(await this.rounds.find(id), 'đợt rà soát', id);
    await this.scope.assertRead(user, [round.communeCode]);
    return round;
  }

  async list(user: AuthUser, roundId: number, kind: ListKind, q: ListQuery): Promise<Page<unknown> & { list: ListKind; frozen: boolean }> {
    if (!LISTS.includes(kind)) throw new DomainError('NOT_FOUND', `Không có danh sách "${kind}" (các danh sách: ${LISTS.join(', ')})`);
    const round = await this.round(user, roundId);
    const { rows, total } = await this.repo.list(roundId, kind, q.village, { limit: q.pageSize, offset: q.offset });
    const items = maskIdNumbers(rows.map((r) => ({ ...r, persons: r.members.length })), user);
    return { ...page(items, total, q), list: kind, frozen: isFrozen(round.status) };
  }

  /**
   * Who a round must review (Decision 24 Art. 4.1, Circular 07/2021 Phụ lục I): for a periodic round
   * every household on the current poor or near-poor list still on the register, and every household
   * with a Mẫu 01 / Mẫu 04 application on the round; for a regular round the applicants only. With
   * whether each already has a result.
   */
  async reviewList(user: AuthUser, roundId: number, q: ListQuery): Promise<Page<unknown>> {
    const round = await this.round(user, roundId);
    const { items, total, done } = await this.repo.reviewList(
      { roundId, communeCode: round.communeCode, date: referenceDate(round), periodic: round.kind === 'periodic', village: q.village },
      { limit: q.pageSize, offset: q.offset });
    return { ...page(items, total, q), reviewed: done } as Page<unknown>;
  }

  async certificates(user: AuthUser, roundId: number, q: ListQuery): Promise<Page<unknown>> {
    const round = await this.round(user, roundId);
    if (!isFrozen(round.status)) throw new DomainError('BUSINESS_RULE', `Đợt rà soát ${roundId} đang ở trạng thái ${round.status}: giấy chứng nhận được cấp theo quyết định công nhận`, [{ field: 'status', message: round.status }]);
    const { items, total } = await this.repo.certificates(roundId, q.village, { limit: q.pageSize, offset: q.offset });
    return { ...page(items, total, q), listYear: round.listYear, decisionNumber: round.decisionNumber, decisionDate: round.decisionDate } as Page<unknown>;
  }

  /** The movement rows of a decided round, household by household. */
  async movement(user: AuthUser, roundId: number, q: MovementQuery): Promise<Page<unknown>> {
    await this.round(user, roundId);
    const { items, total } = await this.repo.movement(roundId, { side: q.side, move: q.move }, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }

  /**
   * The movement of one round summed: the figures stored with the round's aggregates when it was
   * decided (AggregatesRepository.insertMovement, the persons rule of review_movement_flow), so
   * this summary and every report read one computation; with the reconciliation checked.
   */
  async movementSummary(user: AuthUser, roundId: number) {
    const round = await this.round(user, roundId);
    if (!round.hasMovement) {
      return { roundId, hasMovement: false, baseline: isFrozen(round.status), startRoundIds: round.startRoundIds, households: null, persons: null, reconciles: null, problems: [] };
    }
    const t = movementTotalsFromMetrics(await this.repo.movementMetrics(roundId));
    const problems = reconciliationErrors(t);
    return { roundId, hasMovement: true, startRoundIds: round.startRoundIds, ...t, reconciles: problems.length === 0, problems };
  }
}
