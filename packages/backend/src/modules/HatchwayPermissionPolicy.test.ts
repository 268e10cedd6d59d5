import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { HatchwayPermissionPolicy } from './HatchwayPermissionPolicy';

const deleteCluster = createPermission({
  name: 'vcluster.cluster.delete',
  attributes: { action: 'delete' },
  resourceType: 'vcluster-cluster',
});
const createCluster = createPermission({
  name: 'vcluster.cluster.create',
  attributes: { action: 'create' },
});
const readEntity = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

function userWith(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 'unused',
    credentials: {} as PolicyQueryUser['credentials'],
    expiresInSeconds: 60,
  } as PolicyQueryUser;
}

const policy = HatchwayPermissionPolicy.fromConfig(
  new ConfigReader({
    hatchway: { permission: { adminGroups: ['group:default/platform'] } },
  }),
);

const terminalAdmin = createPermission({
  name: 'terminal.session.admin',
  attributes: {},
});

describe('HatchwayPermissionPolicy', () => {
  it("keeps Hatchway's admin permissions for the admin groups", async () => {
    const jane = userWith('user:default/jane', 'group:default/team-a');
    const admin = userWith('user:default/ada', 'group:default/platform');
    expect(await policy.handle({ permission: terminalAdmin }, jane)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: terminalAdmin }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets anyone signed in create a vCluster and read catalog entities', async () => {
    const jane = userWith('user:default/jane');
    await expect(
      policy.handle({ permission: createCluster }, jane),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: readEntity }, jane),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('limits deleting an owned resource to its owners through an IS_OWNER condition', async () => {
    const jane = userWith('user:default/jane', 'group:default/team-a');
    await expect(
      policy.handle({ permission: deleteCluster }, jane),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'vcluster',
      resourceType: 'vcluster-cluster',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'vcluster-cluster',
        params: { claims: ['user:default/jane', 'group:default/team-a'] },
      },
    });
  });

  it('denies owned-resource actions to callers without a user identity', async () => {
    await expect(policy.handle({ permission: deleteCluster })).resolves.toEqual(
      { result: AuthorizeResult.DENY },
    );
  });

  it('lets members of an admin group act on any resource', async () => {
    const admin = userWith('user:default/ops', 'group:default/platform');
    await expect(
      policy.handle({ permission: deleteCluster }, admin),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
