import { createTestDatabases } from './__testUtils__/databases';
import {
  deadClusterConfig as config,
  inDays,
} from './__testUtils__/deadCluster';
import { denying, startReadiness } from './__testUtils__/backend';

jest.setTimeout(60_000);

// Backstage's default test database leaves a handle open; TestDatabases cleans up after itself.
const databases = createTestDatabases();
const sqlite = () => databases.init('SQLITE_3');

describe('readiness API permissions', () => {
  it('answers 403 when a permission is denied, and only then', async () => {
    const api = await startReadiness({
      config,
      permissions: denying(
        'readiness.exemption.create',
        'readiness.exemption.delete',
      ),
      knex: await sqlite(),
    });
    try {
      expect((await api.get('/clusters')).status).toBe(200);
      const create = await api.post('/exemptions', {
        checkIds: ['run-as-non-root'],
        reason: 'r',
        expiresAt: inDays(1),
      });
      expect(create.status).toBe(403);
      expect(create.body.error).toMatchObject({ name: 'NotAllowedError' });
      expect((await api.del('/exemptions/any')).status).toBe(403);
      expect((await api.post('/scans?cluster=dead')).status).toBe(403);
    } finally {
      await api.backend.stop();
    }
  });

  it('keeps results from callers without the read permission', async () => {
    const api = await startReadiness({
      config,
      permissions: denying('readiness.results.read'),
      knex: await sqlite(),
    });
    try {
      for (const path of [
        '/clusters',
        '/summary',
        '/findings',
        '/checks',
        '/exemptions',
        '/export?format=csv',
      ]) {
        expect({ path, status: (await api.get(path)).status }).toEqual({
          path,
          status: 403,
        });
      }
    } finally {
      await api.backend.stop();
    }
  });
});
