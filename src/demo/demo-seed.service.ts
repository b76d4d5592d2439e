import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { seedDemoUnits } from './seed-units';
import { PlansService } from '../plans/plans.service';
import { ReviewsDemoService } from './reviews-demo.service';
import { seedDemoHouseholds } from './seed-households';
import { seedProgramDemo } from './program-demo';
import { seedDemoPlans } from './demo-plans';

/** The tables whose rows carry is_demo (the demo's own rows, shown as such and never counted as own data). */
const DEMO_TABLES = [
  'admin_unit', 'household', 'review_round', 'review_result', 'review_application', 'reduction_plan',
  'program_applicability', 'program_activity', 'program_fund_entry', 'program_beneficiary',
] as const;

/**
 * The Chiêm Hóa demo (docs/RULES.md §8): loaded once into an empty database, step by step, each step
 * logging its progress. Everything it creates is marked demo (is_demo).
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly auth: AuthService,
    private readonly reviews: ReviewsDemoService,
    private readonly plans: PlansService,
  ) {}

  async isSeeded(): Promise<boolean> {
    const rows = await this.ds.query(`SELECT 1 FROM app_meta WHERE key = 'demo'`);
    return rows.length > 0;
  }

  /** A demo load that began and never finished (the process stopped half-way). */
  async isInterrupted(): Promise<boolean> {
    const rows: { key: string }[] = await this.ds.query(`SELECT key FROM app_meta WHERE key IN ('demo', 'demo:started')`);
    return rows.some((r) => r.key === 'demo:started') && !rows.some((r) => r.key === 'demo');
  }

  /**
   * Whether the database holds anything but demo data: then an interrupted demo is never wiped
   * automatically.
   */
  async hasOwnData(): Promise<boolean> {
    const [row] = await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM household WHERE NOT is_demo)
           OR EXISTS (SELECT 1 FROM review_round WHERE NOT is_demo)
           OR EXISTS (SELECT 1 FROM admin_unit WHERE NOT is_demo) AS own`,
    );
    return row.own;
  }

  async seedIfEmpty(): Promise<boolean> {
    if (await this.isSeeded()) {
      this.logger.log('demo data already loaded');
      return false;
    }
    if (await this.isInterrupted()) {
      throw new Error('a previous demo load was interrupted; the database holds part of the demo. Delete the data (DATA_DIR for the embedded database) and start again');
    }
    const [{ since }] = await this.ds.query(`SELECT now() AS since`);
    await this.ds.query(`INSERT INTO app_meta (key, value) VALUES ('demo:started', $1)`, [JSON.stringify({ at: new Date().toISOString() })]);
    const started = Date.now();
    const step = async (name: string, fn: () => Promise<unknown>) => {
      const t = Date.now();
      this.logger.log(`demo: ${name}…`);
      const result = await fn();
      this.logger.log(`demo: ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s${result ? ` (${JSON.stringify(result)})` : ''}`);
    };
    await step('administrative units of Chiêm Hóa', () => this.ds.transaction((m) => seedDemoUnits(m)));
    await step('households and members of Chiêm Hóa', () => this.ds.transaction((m) => seedDemoHouseholds(m)));
    await step('demo accounts', () => this.seedAccounts());
    // after the households step: decided review rounds 2021–2023 on the households in the register
    await step('review rounds, results and movement', () => this.reviews.seed());
    // keep last (after the households and reviews steps): the district plan of 2022, 4.32 points
    await step('plans (Chiêm Hóa 2022: 4.32 points)', () => seedDemoPlans(this.plans));
    // keep last: it supports households of the decided reviews seeded above (and skips them if none)
    await step('National Target Program (article training, funds, supported households)', () => seedProgramDemo(this.ds));
    await step('mark the demo rows', () => this.markDemo(since));
    await this.ds.query(`INSERT INTO app_meta (key, value) VALUES ('demo', $1)`, [JSON.stringify({ loadedAt: new Date().toISOString() })]);
    this.logger.log(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  }

  /**
   * Marks what the demo steps wrote through the feature services (which never take a demo flag):
   * every row of the tables that carry is_demo created since the load began.
   */
  private async markDemo(since: Date): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    await this.ds.transaction(async (m) => {
      for (const table of DEMO_TABLES) {
        const [, n] = await m.query(`UPDATE ${table} SET is_demo = true WHERE NOT is_demo AND created_at >= $1`, [since]);
        if (n) out[table] = n;
      }
    });
    return out;
  }

  /** The demo accounts of docs/API.md "Auth". */
  private async seedAccounts() {
    await this.auth.upsertUser('admin', 'demo-admin', 'admin', null, 'Quản trị hệ thống (demo)');
    await this.auth.upsertUser('chiemhoa', 'demo-district', 'district', '073', 'Cán bộ giảm nghèo huyện Chiêm Hóa (demo)');
    await this.auth.upsertUser('vinhloc', 'demo-commune', 'commune', '02287', 'Cán bộ giảm nghèo TT Vĩnh Lộc (demo)');
    return { accounts: 3 };
  }
}
