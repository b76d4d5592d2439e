import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Per-commune aggregates of a decided round (round_aggregate): every count the reports need,
 * computed once in the transaction that decides the round (the reviews module calls
 * rebuildRound with its EntityManager), so reports sum stored rows instead of scanning households.
 * Owned by the reports work; see migrations/1700000002000-Reviews.ts for the table.
 */
@Injectable()
export class AggregatesService {
  /** (Re)computes the aggregates of one decided round inside the caller's transaction. */
  async rebuildRound(manager: EntityManager, roundId: number): Promise<void> {
    await manager.query(`DELETE FROM round_aggregate WHERE round_id = $1`, [roundId]);
    // The metric set is written by the reports module (issue 5).
  }
}
