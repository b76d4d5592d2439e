import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { startCluster, withDatabase } from './postgres';

export const TEMPLATE_DB = 'rshn_template';

/**
 * Starts one PostgreSQL cluster for the whole run (or uses TEST_DATABASE_URL), migrates one
 * template database, and hands its address to the test files through the environment; each test
 * file clones the template (test/utils/test-db.ts).
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const cluster = await startCluster();
    (globalThis as { __PG_CLUSTER__?: unknown }).__PG_CLUSTER__ = cluster;
    serverUrl = cluster.url;
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  // the demo template of the e2e tests (test/e2e/harness.ts) is built again from this run's migrations
  await admin.query(`DROP DATABASE IF EXISTS rshn_demo_template WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const ds = new DataSource({ ...typeormOptions(withDatabase(serverUrl, TEMPLATE_DB), 2), entities: [] });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env.TEST_PG_SERVER_URL = serverUrl;
  process.env.TEST_PG_TEMPLATE = TEMPLATE_DB;
  if (process.env.CI || process.env.TEST_VERBOSE) {
    console.log(`\ntest PostgreSQL ready and template migrated in ${Date.now() - started} ms`);
  }
}
