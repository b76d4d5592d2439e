import { seedDemoUnits } from '../src/demo/seed-units';
import { ReviewsDemoService } from '../src/demo/reviews-demo.service';
import { seedDemoRegister } from './fixtures/demo-register';
import { embeddedApp, measure } from './harness';

/** The reviews demo step on embedded PGlite, on a full-size stand-in register (31,300 households). */
export async function runReviewsDemoBench(): Promise<void> {
  const env = await embeddedApp();
  try {
    await env.ds.transaction((m) => seedDemoUnits(m));
    const reg = await measure(() => env.ds.transaction((m) => seedDemoRegister(m)));
    console.log(`stand-in register: ${JSON.stringify(reg.result)} in ${(reg.ms / 1000).toFixed(1)} s (not part of the reviews step)`);
    const run = await measure(() => env.app.get(ReviewsDemoService).seed());
    console.log(`reviews demo step on PGlite: ${(run.ms / 1000).toFixed(1)} s, peak RSS ${run.peakRssMb} MB — ${JSON.stringify(run.result)}`);
  } finally {
    await env.close();
  }
}
