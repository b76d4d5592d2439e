import * as exportsList from './exports-list';
import { runClassifyBench } from './classify.bench';
import { runReviewsDemoBench } from './reviews-demo.bench';
import { runReviewsImportBench } from './reviews-import.bench';

/**
 * Benchmark dispatcher: `npm run bench` runs every benchmark, `node dist/bench/run.js NAME` one.
 * Each benchmark measures the service's path against a baseline in the same run and prints
 * time, ratio and peak RSS.
 */
const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  'exports-list': async () => exportsList,
  'reviews-import': async () => ({ run: runReviewsImportBench }),
  classify: async () => ({ run: runClassifyBench }),
  'reviews-demo': async () => ({ run: runReviewsDemoBench }),
};

async function main(): Promise<void> {
  const wanted = process.argv[2];
  const names = wanted ? [wanted] : Object.keys(BENCHES);
  for (const name of names) {
    const load = BENCHES[name];
    if (!load) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`\n=== ${name}`);
    await (await load()).run();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
