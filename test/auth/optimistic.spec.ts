import { DataSource, QueryRunner } from 'typeorm';
import { lockVersioned, raw, updateVersioned } from '../../src/common/db/optimistic';
import { DomainError } from '../../src/common/errors/domain-error';
import { createTestApp, TestApp } from '../utils/test-app';

/** Waits (without any time assertion) until some backend of this database waits for a row lock. */
async function untilSomeoneWaitsForALock(ds: DataSource): Promise<void> {
  for (;;) {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('optimistic locking helper (real PostgreSQL)', () => {
  let t: TestApp;
  const open: QueryRunner[] = [];
  const tx = async () => {
    const qr = t.ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    open.push(qr);
    return qr;
  };

  beforeAll(async () => {
    t = await createTestApp();
    // a table of its own: the test is about what the database does with two writers
    await t.ds.query(`CREATE TABLE versioned_probe (id serial PRIMARY KEY, name text NOT NULL, n int NOT NULL DEFAULT 0,
      version int NOT NULL DEFAULT 1, updated_at timestamptz NOT NULL DEFAULT now())`);
  });
  afterEach(async () => {
    for (const qr of open.splice(0)) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
  });
  afterAll(() => t.close());

  const insert = async (name: string) => (await t.ds.query(`INSERT INTO versioned_probe (name) VALUES ($1) RETURNING id`, [name]))[0].id as number;
  const row = async (id: number) => (await t.ds.query(`SELECT name, n, version FROM versioned_probe WHERE id = $1`, [id]))[0];

  it('updates with the version read, bumps it and returns the row', async () => {
    const id = await insert('a');
    const r = await updateVersioned<{ name: string; version: number; n: number }>(t.ds.manager, 'versioned_probe', id, 1, { name: 'b', n: raw('n + 5') });
    expect(r).toMatchObject({ name: 'b', n: 5, version: 2 });
  });

  it('two concurrent updates of the same row: the second waits for the first, then gets VERSION_CONFLICT; nothing is lost', async () => {
    const id = await insert('start');
    const first = await tx();
    const second = await tx();
    await updateVersioned(first.manager, 'versioned_probe', id, 1, { name: 'first' });
    // the second writer read version 1 too; its UPDATE blocks on the first one's row lock
    const pending = updateVersioned(second.manager, 'versioned_probe', id, 1, { name: 'second' }).then(
      () => 'saved',
      (e: unknown) => e,
    );
    await untilSomeoneWaitsForALock(t.ds);
    await first.commitTransaction();
    const outcome = await pending;
    expect(outcome).toBeInstanceOf(DomainError);
    expect(outcome).toMatchObject({ code: 'VERSION_CONFLICT', status: 409 });
    expect((outcome as DomainError).details[0]).toMatchObject({ field: 'version', expected: 1, current: 2 });
    await second.rollbackTransaction();
    expect(await row(id)).toMatchObject({ name: 'first', version: 2 });
  });

  it('the same race where the first writer rolls back: the second goes through', async () => {
    const id = await insert('start');
    const first = await tx();
    const second = await tx();
    await updateVersioned(first.manager, 'versioned_probe', id, 1, { name: 'first' });
    const pending = updateVersioned(second.manager, 'versioned_probe', id, 1, { name: 'second' });
    await untilSomeoneWaitsForALock(t.ds);
    await first.rollbackTransaction();
    await expect(pending).resolves.toMatchObject({ name: 'second', version: 2 });
    await second.commitTransaction();
    expect(await row(id)).toMatchObject({ name: 'second', version: 2 });
  });

  it('many writers with the same version at once: exactly one wins', async () => {
    const id = await insert('start');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.ds.transaction((m) => updateVersioned(m, 'versioned_probe', id, 1, { name: `w${i}` })).then(() => 'ok', (e) => e.code),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'VERSION_CONFLICT')).toHaveLength(5);
    expect((await row(id)).version).toBe(2);
  });

  it('a stale version is 409, a missing row 404', async () => {
    const id = await insert('x');
    await updateVersioned(t.ds.manager, 'versioned_probe', id, 1, { name: 'y' });
    await expect(updateVersioned(t.ds.manager, 'versioned_probe', id, 1, { name: 'z' })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(updateVersioned(t.ds.manager, 'versioned_probe', 987654, 1, { name: 'z' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateVersioned(t.ds.manager, 'versioned_probe', id, -1, { name: 'z' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lockVersioned checks the version and holds the row for a multi-statement change', async () => {
    const id = await insert('x');
    await expect(t.ds.transaction((m) => lockVersioned(m, 'versioned_probe', id, 7))).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const r = await t.ds.transaction(async (m) => {
      await lockVersioned(m, 'versioned_probe', id, 1);
      return updateVersioned(m, 'versioned_probe', id, 1, { name: 'locked then saved' });
    });
    expect(r).toMatchObject({ version: 2 });
  });

  it('refuses identifiers that are not plain SQL names', async () => {
    await expect(updateVersioned(t.ds.manager, 'versioned_probe; DROP TABLE app_user', 1, 1, {})).rejects.toThrow(/invalid table/);
    await expect(updateVersioned(t.ds.manager, 'versioned_probe', 1, 1, { 'name = 1, version': 'x' })).rejects.toThrow(/invalid column/);
  });
});
