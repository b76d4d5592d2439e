import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administrative-unit writes: a row version on each dated version of a code, for optimistic
 * locking of corrections (PATCH carries it), and an index to find a unit's predecessors.
 */
export class UnitVersionLock1700000003000 implements MigrationInterface {
  name = 'UnitVersionLock1700000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admin_unit_version ADD COLUMN version int NOT NULL DEFAULT 1`);
    await q.query(`CREATE INDEX admin_unit_succession_successor ON admin_unit_succession (successor_code, effective_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX admin_unit_succession_successor`);
    await q.query(`ALTER TABLE admin_unit_version DROP COLUMN version`);
  }
}
