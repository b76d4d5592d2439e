import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { typeormOptions } from './typeorm-options';

/**
 * The DataSource for the TypeORM CLI (npm run migration:generate|run|revert|show). It needs
 * DATABASE_URL: the embedded database lives inside the running service; the service itself runs
 * pending migrations at start-up in both modes.
 */
const config = loadConfig();
if (!config.DATABASE_URL) {
  throw new Error('DATABASE_URL is required for the migration CLI (the service migrates the embedded database itself)');
}
export default new DataSource({
  ...typeormOptions(config.DATABASE_URL),
  entities: [__dirname + '/../**/*.entity.js'],
});
