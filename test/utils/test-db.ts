import { Client } from 'pg';
import { withDatabase } from '../setup/postgres';

let counter = 0;

/** A fresh database cloned from the migrated template, for one test file. */
export async function cloneTemplate(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_PG_SERVER_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (!server || !template) throw new Error('the Jest global setup did not start PostgreSQL');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server, name),
    async drop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
