import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded default database: PGlite (PostgreSQL compiled to WASM) in this process, served on
 * 127.0.0.1 at a random port by PGLiteSocketServer, so the application talks to it through the
 * ordinary `pg` driver exactly as it talks to a real server. typeorm-pglite is deliberately not
 * used: it shares one session across pool connections and breaks transaction isolation (stack.md).
 * The socket server keeps a transaction's queries on its own connection until it ends.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const pgDir = join(dataDir, 'pgdata');
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir: pgDir, extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  log(`embedded PostgreSQL (PGlite) ready in ${Date.now() - started} ms on 127.0.0.1:${address.port}, data in ${pgDir}`);
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    // Stop accepting connections, then close PGlite (which flushes its files). Safe to call twice.
    stop: () =>
      (stopping ??= (async () => {
        try {
          await server.stop();
        } finally {
          await db.close();
        }
        log(`embedded PostgreSQL stopped`);
      })()),
  };
}
