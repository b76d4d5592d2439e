import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../common/errors/domain-error';
import { AggregatesRepository } from './aggregates.repository';
import { afWeights } from './domain/alkire-foster';

/**
 * Per-commune aggregates of a decided round (round_aggregate): every count the reports need,
 * computed once in the transaction that decides the round (the reviews module calls
 * rebuildRound with its EntityManager), so reports sum stored rows instead of scanning households.
 * A decided round is frozen (docs/RULES.md §3), so the rows stay true; `npm run aggregates:rebuild`
 * recomputes them all (after a fix, or after a restore). Metric names: domain/metrics.ts.
 */
@Injectable()
export class AggregatesService {
  private readonly logger = new Logger('Aggregates');

  constructor(private readonly repo: AggregatesRepository, @InjectDataSource() private readonly ds: DataSource) {}

  /** (Re)computes the aggregates of one round inside the caller's transaction. */
  async rebuildRound(manager: EntityManager, roundId: number): Promise<void> {
    const round = await this.repo.round(manager, roundId);
    if (!round) throw notFound('đợt rà soát', roundId);
    const weights = afWeights(await this.repo.indicators(manager, round.standardCode));
    await this.repo.clear(manager, roundId);
    await this.repo.insertTotals(manager, roundId);
    await this.repo.insertResultCounts(manager, roundId, round.standardCode);
    await this.repo.insertBreakdowns(manager, roundId, round.standardCode);
    await this.repo.insertMovement(manager, roundId);
    await this.repo.insertAlkireFoster(manager, roundId, weights);
  }

  /**
   * Rebuilds every decided round (or those of one year, or one round), one transaction per round
   * so a long rebuild never holds one huge transaction. Returns the number of rounds rebuilt.
   */
  async rebuildAll(filter: { year?: number; roundId?: number } = {}, progress?: (done: number, total: number) => void): Promise<number> {
    const ids = await this.repo.decidedRounds(this.ds.manager, filter);
    let done = 0;
    for (const id of ids) {
      await this.ds.transaction((m) => this.rebuildRound(m, id));
      done++;
      if (progress && (done % 50 === 0 || done === ids.length)) progress(done, ids.length);
    }
    this.logger.log(`aggregates rebuilt for ${done} round(s)`);
    return done;
  }
}
