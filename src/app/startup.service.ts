import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AuthService } from '../auth/auth.service';
import { DemoSeedService } from '../demo/demo-seed.service';
import { AppState } from './app-state';

/**
 * What happens after the HTTP server answers (so /api/health can say "starting"): pending
 * migrations, the first admin, then the demo data when asked for and not loaded yet.
 */
@Injectable()
export class StartupService {
  private readonly logger = new Logger('Startup');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly state: AppState,
    private readonly auth: AuthService,
    private readonly demo: DemoSeedService,
  ) {}

  async run(options: { migrate?: boolean; demo?: boolean } = {}): Promise<void> {
    const started = Date.now();
    try {
      if (options.migrate ?? true) {
        this.state.phase = 'migrating';
        const applied = await this.ds.runMigrations({ transaction: 'each' });
        this.logger.log(`migrations: ${applied.length} applied (${applied.map((m) => m.name).join(', ') || 'none pending'})`);
      }
      await this.auth.ensureFirstAdmin();
      if (options.demo ?? this.config.demoData) {
        if (this.config.embedded && (await this.demo.isInterrupted()) && !(await this.demo.hasOwnData())) {
          // The embedded database of `npm start` was stopped while the demo was loading: it holds
          // nothing but part of the demo, so start it over rather than refuse to start.
          this.logger.warn('the previous demo load was interrupted: emptying the embedded database and loading the demo again');
          this.state.phase = 'resetting the interrupted demo';
          await this.ds.query(`DROP SCHEMA public CASCADE`);
          await this.ds.query(`CREATE SCHEMA public`);
          await this.ds.runMigrations({ transaction: 'each' });
          await this.auth.ensureFirstAdmin();
        }
        this.state.phase = 'seeding demo data';
        await this.demo.seedIfEmpty();
      }
      this.state.ready = true;
      this.state.phase = 'ready';
      this.logger.log(`ready in ${Date.now() - started} ms`);
    } catch (err) {
      this.state.error = (err as Error).message;
      this.state.phase = 'failed';
      throw err;
    }
  }
}
