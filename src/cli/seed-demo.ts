import 'reflect-metadata';
import { createApp } from '../app/create-app';
import { StartupService } from '../app/startup.service';
import { loadConfigOrExit } from '../config/app-config';
import { DemoSeedService } from '../demo/demo-seed.service';

/**
 * `npm run seed:demo`: loads the Chiêm Hóa demo into the database of DATABASE_URL (or the embedded
 * one in DATA_DIR when unset), even though DEMO_DATA is off by default there. Runs pending
 * migrations first; does nothing if the demo is already loaded. The demo creates demo accounts
 * with known passwords (docs/API.md "Auth"), so a production database needs --allow-production.
 */
async function main(argv: string[]): Promise<number> {
  const config = loadConfigOrExit();
  if (config.NODE_ENV === 'production' && !argv.includes('--allow-production')) {
    console.error('seed:demo: NODE_ENV=production: the demo adds accounts with known passwords; pass --allow-production to load it anyway');
    return 1;
  }
  const started = Date.now();
  const { app, embedded } = await createApp(config);
  try {
    await app.init();
    console.log(`seed:demo: ${embedded ? `embedded database in ${config.dataDir}` : 'database of DATABASE_URL'}`);
    await app.get(StartupService).run({ migrate: true, demo: false });
    const loaded = await app.get(DemoSeedService).seedIfEmpty();
    console.log(loaded
      ? `seed:demo: demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`
      : 'seed:demo: the demo data was already loaded; nothing changed');
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`seed:demo failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
