import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseExemptionRepository } from './DatabaseExemptionRepository';
import { DatabaseFindingRepository } from './DatabaseFindingRepository';
import { DatabaseLiveRepository } from './DatabaseLiveRepository';
import { DatabasePlatformRepository } from './DatabasePlatformRepository';
import { DatabaseScanRepository } from './DatabaseScanRepository';
import { DatabaseSnapshotRepository } from './DatabaseSnapshotRepository';
import {
  ExemptionRepository,
  FindingRepository,
  LiveRepository,
  PlatformRepository,
  ReadinessStore,
  ScanRepository,
  SnapshotRepository,
} from './types';

const migrationsDir = resolvePackagePath(
  '@hatchway/plugin-readiness-backend',
  'migrations',
);

/**
 * The readiness tables on the plugin's database (Postgres or SQLite).
 * @internal
 */
export class DatabaseReadinessStore implements ReadinessStore {
  /** Connects and brings the schema up to date, unless the database service says to skip. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReadinessStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseReadinessStore(
      new DatabaseScanRepository(knex),
      new DatabaseFindingRepository(knex),
      new DatabaseSnapshotRepository(knex),
      new DatabaseExemptionRepository(knex),
      new DatabasePlatformRepository(knex),
      new DatabaseLiveRepository(knex),
    );
  }

  private constructor(
    readonly scans: ScanRepository,
    readonly findings: FindingRepository,
    readonly snapshots: SnapshotRepository,
    readonly exemptions: ExemptionRepository,
    readonly platform: PlatformRepository,
    readonly live: LiveRepository,
  ) {}
}
