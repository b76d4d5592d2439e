/**
/**
 * The benchmarks: `npm run bench` runs them all, `node dist/bench/run.js <name> …` some of them.
 * Each measures the service's path and a baseline in the same run and prints times, ratios and
 * peak RSS.
 */
import * as exportsList from './exports-list';
import { runHouseholdsImportBench } from './households-import';
import { runHouseholdsListBench } from './households-list';
import { runReportsBench } from './reports.bench';
import { runClassifyBench } from './classify.bench';
import { runReviewsDemoBench } from './reviews-demo.bench';
import { runReviewsImportBench } from './reviews-import.bench';
import { runOdkImportBench } from './odk-import.bench';
import { runWebDashboardBench } from './web-dashboard';
import { runWebSearchBench } from './web-search';

const BENCHES: Record<string, () => Promise<void>> = {
  reports: runReportsBench,
  'exports-list': () => exportsList.run(),
  'reviews-import': runReviewsImportBench,
  'odk-import': runOdkImportBench,
  classify: runClassifyBench,
  'reviews-demo': runReviewsDemoBench,
  'households-import': runHouseholdsImportBench,
  'households-list': runHouseholdsListBench,
  'web-search': runWebSearchBench,
  'web-dashboard': runWebDashboardBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !BENCHES[w]);
  if (unknown.length) {
    console.error(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
    console.log(`\n=== bench: ${name}`);
    await BENCHES[name]();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
