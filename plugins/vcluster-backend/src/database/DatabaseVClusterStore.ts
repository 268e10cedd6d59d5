import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseAuditRepository } from './DatabaseAuditRepository';
import { DatabaseClusterRepository } from './DatabaseClusterRepository';

const migrationsDir = resolvePackagePath(
  '@hatchway/plugin-vcluster-backend',
  'migrations',
);

/** The vCluster tables on the plugin's database (Postgres or SQLite). @internal */
export class DatabaseVClusterStore {
  /** Connects and brings the schema up to date, unless the database service says to skip. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseVClusterStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseVClusterStore(
      new DatabaseClusterRepository(knex),
      new DatabaseAuditRepository(knex),
    );
  }

  private constructor(
    readonly clusters: DatabaseClusterRepository,
    readonly audit: DatabaseAuditRepository,
  ) {}
}
