import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The detailed lists (report tables 14/15) read a round's poor or near-poor households in pages
 * ordered by village then household: this index serves each page's keyset condition
 * `(coalesce(snap_village_code, ''), household_id) > (…)` directly, so a page costs the same at
 * the start and at the end of a province-sized list.
 */
export class ExportsListIndex1700000009000 implements MigrationInterface {
  name = 'ExportsListIndex1700000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX review_result_list_order
          ON review_result (round_id, decided_class, (coalesce(snap_village_code, '')), household_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX review_result_list_order`);
  }
}
