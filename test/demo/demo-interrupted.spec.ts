import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { seedDemoUnits } from '../../src/demo/seed-units';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * A demo load stopped half-way must not leave a database that can never start: the seeder notices
 * the marker it writes before the first step, refuses to load on top of half a demo, and says what
 * to do (the embedded `npm start` path empties such a database itself, see StartupService).
 */
describe('an interrupted demo load', () => {
  let t: TestApp;
  let demo: DemoSeedService;

  beforeAll(async () => {
    t = await createTestApp();
    demo = t.app.get(DemoSeedService);
  });
  afterAll(() => t.close());

  it('is recognised and refused with a message that says what to do', async () => {
    await t.ds.transaction((m) => seedDemoUnits(m));
    await t.ds.query(`INSERT INTO app_meta (key, value) VALUES ('demo:started', '{}')`);
    expect(await demo.isSeeded()).toBe(false);
    expect(await demo.isInterrupted()).toBe(true);
    await expect(demo.seedIfEmpty()).rejects.toThrow(/interrupted.*Delete the data/);
  });

  it('knows whether the database holds anything but demo data', async () => {
    expect(await demo.hasOwnData()).toBe(false);
    await t.ds.query(`INSERT INTO admin_unit (code, level) VALUES ('99999', 'commune')`);
    expect(await demo.hasOwnData()).toBe(true);
  });
});
