import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * Every database the plugin supports, Postgres first. Postgres comes from the
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING` the test run exports; Docker is never
 * tried (with `CI` set, TestDatabases would otherwise start containers for every version).
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: [
      'POSTGRES_18',
      'POSTGRES_17',
      'POSTGRES_16',
      'POSTGRES_15',
      'SQLITE_3',
    ],
    disableDocker: true,
  });
}
