/*
 * A full scan of an emulator holding 10,000 objects (or the number given): paged listing through
 * client-node, the check engine, and the atomic write of findings, mapping and snapshots. Prints
 * the figures. SQLite in memory, or Postgres when HATCHWAY_TEST_POSTGRES_URL is set.
 *
 *   . scripts/bootstrap.sh   (from the repository root)
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/readiness/fullScan.ts [objects]
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { startApiServer } from '@hatchway/kube-emulator';
import { DefaultClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import knexFactory from 'knex';
import { clustersConfig } from '../../plugins/readiness-backend/src/__testUtils__/backend';
import { readReadinessConfig } from '../../plugins/readiness-backend/src/config/readReadinessConfig';
import { DatabaseReadinessStore } from '../../plugins/readiness-backend/src/database/DatabaseReadinessStore';
import { KubernetesClusterObjectReader } from '../../plugins/readiness-backend/src/kubernetes/KubernetesClusterObjectReader';
import {
  entitySelector,
  EntitySelector,
} from '../../plugins/readiness-backend/src/mapping/entitySelectors';
import { DefaultScanService } from '../../plugins/readiness-backend/src/service/DefaultScanService';

const PER_NAMESPACE = 200;

/** Filled in with the uids the emulator gives owners, so that its garbage collector keeps pods. */
const uids = new Map<string, string>();
const owner = (kind: string, namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind,
  name,
  uid: uids.get(`${kind}/${namespace}/${name}`) ?? 'unknown',
  controller: true,
});

/**
 * One namespace's worth of objects, shaped like a real one: 30 Deployments, each with its
 * ReplicaSet and 3 pods (owned, so checked through the Deployment), Services, PodDisruptionBudgets,
 * NetworkPolicies and Roles; a third of the workloads hardened.
 */
function namespaceObjects(ns: string): object[] {
  const objects: object[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
  ];
  const podSpec = (i: number) => ({
    containers: [
      {
        name: 'app',
        image: i % 2 ? 'example/app:latest' : 'example/app:1.2.3',
        resources: i % 3 ? {} : { limits: { cpu: '1', memory: '1Gi' } },
        securityContext:
          i % 3 ? {} : { runAsNonRoot: true, readOnlyRootFilesystem: true },
      },
    ],
  });
  for (let d = 0; d < 30; d++) {
    const name = `app-${d}`;
    const labels = { app: name, 'backstage.io/kubernetes-id': `svc-${d % 10}` };
    const template = { metadata: { labels }, spec: podSpec(d) };
    const selector = { matchLabels: { app: name } };
    objects.push(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: ns, labels },
        spec: { replicas: 3, selector, template },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-5d9c`,
          namespace: ns,
          labels,
          ownerReferences: [owner('Deployment', ns, name)],
        },
        spec: { replicas: 3, selector, template },
      },
    );
    for (let p = 0; p < 3; p++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${name}-5d9c-${p}`,
          namespace: ns,
          labels,
          ownerReferences: [owner('ReplicaSet', ns, `${name}-5d9c`)],
        },
        spec: podSpec(d),
      });
    }
  }
  for (let i = 0; i < 10; i++) {
    objects.push(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${i}`, namespace: ns },
        spec: { selector: { app: `app-${i}` }, ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: `app-${i}`, namespace: ns },
        spec: {
          minAvailable: 1,
          selector: { matchLabels: { app: `app-${i}` } },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `np-${i}`, namespace: ns },
        spec: {
          podSelector: { matchLabels: { app: `app-${i}` } },
          policyTypes: ['Ingress'],
        },
      },
    );
  }
  for (let r = 0; r < 19; r++) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `role-${r}`, namespace: ns },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
  }
  return objects.slice(0, PER_NAMESPACE);
}

const logger: LoggerService = {
  error: (m, e) => console.error(m, e ?? ''),
  warn: (m, e) => console.warn(m, e ?? ''),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

const seconds = (since: bigint) =>
  (Number(process.hrtime.bigint() - since) / 1e9).toFixed(2);

async function main() {
  const total = Number(process.argv[2] ?? 10_000);
  const emulator = await startApiServer({
    tokens: { 'test-token': 'system:serviceaccount:hatchway:readiness' },
  });
  const seed = (skip: string[]) => {
    const docs: object[] = [];
    for (let i = 0; docs.length < total; i++) {
      docs.push(...namespaceObjects(`team-${i}`));
    }
    return docs
      .slice(0, total)
      .filter(d => !skip.includes((d as { kind: string }).kind))
      .map(d => JSON.stringify(d))
      .join('\n---\n');
  };
  let t = process.hrtime.bigint();
  // Owners before what they own, each wave with the uids of the one before.
  for (const skip of [['Pod', 'ReplicaSet'], ['Pod'], []]) {
    for (const o of await emulator.applyManifests(seed(skip))) {
      const { namespace, name, uid } = o.metadata ?? {};
      uids.set(`${o.kind}/${namespace}/${name}`, uid!);
    }
  }
  console.log(`seeded ${total} objects in ${seconds(t)} s`);

  const postgres = process.env.HATCHWAY_TEST_POSTGRES_URL;
  const knex = knexFactory(
    postgres
      ? { client: 'pg', connection: postgres }
      : {
          client: 'better-sqlite3',
          connection: ':memory:',
          useNullAsDefault: true,
        },
  );
  const store = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
  });
  const access = DefaultClusterAccessService.fromConfig(
    new ConfigReader(clustersConfig([{ name: 'bench', url: emulator.url }])),
  );
  const reader = new KubernetesClusterObjectReader(access);
  const selectors = Array.from({ length: 10 }, (_, i) =>
    entitySelector({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        annotations: { 'backstage.io/kubernetes-id': `svc-${i}` },
      },
      spec: { owner: `team-${i % 3}` },
    }),
  ).filter((s): s is EntitySelector => !!s);

  t = process.hrtime.bigint();
  const read = await reader.read('bench');
  console.log(
    `listed ${read.objects.length} objects (500 per page) in ${seconds(t)} s`,
  );

  const scans = new DefaultScanService({
    clusterAccess: access,
    reader,
    entities: {
      selectors: async () => selectors,
      getEntity: async () => undefined,
    },
    store,
    options: readReadinessConfig(new ConfigReader({})),
    logger,
    clock: () => new Date(),
  });
  for (const run of ['first', 'second']) {
    t = process.hrtime.bigint();
    const scan = await scans.scan('bench');
    console.log(
      `${run} full scan (list, engine, store) on ${
        postgres ? 'Postgres' : 'SQLite'
      }: ${seconds(t)} s, ` +
        `${scan.status}, ${scan.findingCount} findings, score ${scan.score}`,
    );
  }
  console.log(
    `max RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
  await knex.destroy();
  await emulator.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
