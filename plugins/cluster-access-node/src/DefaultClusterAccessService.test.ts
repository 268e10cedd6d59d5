import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultClusterAccessService } from './DefaultClusterAccessService';
import { SERVICE_ACCOUNT_DIR } from './resolveKubeConfig';

function kubeconfigYaml(
  contexts: Array<{ name: string; server: string }>,
  current?: string,
) {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map(c => ({
      name: c.name,
      cluster: { server: c.server },
    })),
    users: contexts.map(c => ({
      name: c.name,
      user: { token: `token-${c.name}` },
    })),
    contexts: contexts.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: c.name },
    })),
    'current-context': current ?? '',
  });
}

function clustersConfig(clusters: object[], extra: object = {}) {
  return new ConfigReader({
    kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
    ...extra,
  });
}

describe('DefaultClusterAccessService', () => {
  let tmp: string;
  let home: string;
  let fsRoot: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-access-'));
    home = path.join(tmp, 'home');
    fsRoot = path.join(tmp, 'root');
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(fsRoot, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const writeFile = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('lists clusters from kubernetes.clusterLocatorMethods in config order', () => {
    const service = DefaultClusterAccessService.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'emulator',
                  title: 'Local emulator',
                  url: 'http://127.0.0.1:6443',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 't',
                },
                {
                  name: 'prod',
                  url: 'https://prod:6443',
                  authProvider: 'serviceAccount',
                },
              ],
            },
            { type: 'catalog' },
            { type: 'localKubectlProxy' },
          ],
        },
      }),
      { fsRoot, env: {}, homeDir: home },
    );
    expect(service.listClusters()).toEqual([
      {
        name: 'emulator',
        title: 'Local emulator',
        url: 'http://127.0.0.1:6443',
      },
      { name: 'prod', title: 'prod', url: 'https://prod:6443' },
      { name: 'local', title: 'local', url: 'http://localhost:8001' },
    ]);
  });

  it('has no clusters, and says so, when none are configured', () => {
    const service = DefaultClusterAccessService.fromConfig(
      new ConfigReader({}),
      {
        fsRoot,
        env: {},
        homeDir: home,
      },
    );
    expect(service.listClusters()).toEqual([]);
    expect(() => service.getKubeConfig('prod')).toThrow(
      'Cluster "prod" is not configured (configured clusters: none)',
    );
  });

  it('rejects duplicate cluster names', () => {
    expect(() =>
      DefaultClusterAccessService.fromConfig(
        clustersConfig([
          { name: 'a', url: 'http://x' },
          { name: 'a', url: 'http://y' },
        ]),
      ),
    ).toThrow('Cluster name "a" appears twice');
  });

  it('uses the configured url and token as they are', () => {
    const service = DefaultClusterAccessService.fromConfig(
      clustersConfig([
        {
          name: 'emulator',
          url: 'http://127.0.0.1:6443',
          serviceAccountToken: 'secret-token',
          skipTLSVerify: true,
        },
      ]),
      { fsRoot, env: {}, homeDir: home },
    );
    const kc = service.getKubeConfig('emulator');
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'http://127.0.0.1:6443',
      skipTLSVerify: true,
    });
    expect(kc.getCurrentUser()?.token).toBe('secret-token');
    expect(service.getCredentialSource('emulator')).toBe('config');
  });

  it('prefers the in-cluster service account token over every kubeconfig', () => {
    writeFile(path.join(fsRoot, SERVICE_ACCOUNT_DIR, 'token'), 'sa-token');
    writeFile(path.join(fsRoot, SERVICE_ACCOUNT_DIR, 'ca.crt'), 'ca');
    const kubeconfig = writeFile(
      path.join(tmp, 'kc'),
      kubeconfigYaml([{ name: 'prod', server: 'https://from-file' }]),
    );
    const service = DefaultClusterAccessService.fromConfig(
      clustersConfig([{ name: 'prod', authProvider: 'serviceAccount' }]),
      {
        fsRoot,
        env: {
          KUBERNETES_SERVICE_HOST: '10.0.0.1',
          KUBERNETES_SERVICE_PORT: '443',
          KUBECONFIG: kubeconfig,
        },
        homeDir: home,
      },
    );
    const kc = service.getKubeConfig('prod');
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://10.0.0.1:443',
      caFile: path.join(fsRoot, SERVICE_ACCOUNT_DIR, 'ca.crt'),
    });
    expect(kc.getCurrentUser()?.authProvider).toEqual({
      name: 'tokenFile',
      config: { tokenFile: path.join(fsRoot, SERVICE_ACCOUNT_DIR, 'token') },
    });
    expect(service.getCredentialSource('prod')).toBe('in-cluster');
  });

  it('falls back from the configured kubeconfig path to KUBECONFIG to ~/.kube/config', () => {
    const configured = writeFile(
      path.join(tmp, 'configured'),
      kubeconfigYaml([{ name: 'prod', server: 'https://configured' }]),
    );
    const fromEnv = writeFile(
      path.join(tmp, 'env'),
      kubeconfigYaml([{ name: 'prod', server: 'https://env' }]),
    );
    writeFile(
      path.join(home, '.kube', 'config'),
      kubeconfigYaml([{ name: 'other', server: 'https://home' }], 'other'),
    );
    const config = clustersConfig([{ name: 'prod' }]);

    const withAll = DefaultClusterAccessService.fromConfig(config, {
      fsRoot,
      env: { KUBECONFIG: fromEnv },
      homeDir: home,
      kubeconfigPath: configured,
    });
    expect(withAll.getKubeConfig('prod').getCurrentCluster()?.server).toBe(
      'https://configured',
    );
    expect(withAll.getCredentialSource('prod')).toBe('kubeconfig-path');

    const withEnv = DefaultClusterAccessService.fromConfig(config, {
      fsRoot,
      env: { KUBECONFIG: `${path.join(tmp, 'missing')}:${fromEnv}` },
      homeDir: home,
    });
    // Like kubectl, files in KUBECONFIG that do not exist are skipped.
    expect(withEnv.getKubeConfig('prod').getCurrentCluster()?.server).toBe(
      'https://env',
    );
    expect(withEnv.getCredentialSource('prod')).toBe('KUBECONFIG');

    // ~/.kube/config has no "prod" context: its current context is used.
    const homeOnly = DefaultClusterAccessService.fromConfig(config, {
      fsRoot,
      env: {},
      homeDir: home,
    });
    const kc = homeOnly.getKubeConfig('prod');
    expect(kc.getCurrentCluster()?.server).toBe('https://home');
    expect(kc.getCurrentUser()?.token).toBe('token-other');
    expect(homeOnly.getCredentialSource('prod')).toBe('home-kubeconfig');
  });

  it('names every source it tried when no credentials are found', () => {
    const service = DefaultClusterAccessService.fromConfig(
      clustersConfig([{ name: 'prod' }]),
      { fsRoot, env: {}, homeDir: home },
    );
    expect(() => service.getKubeConfig('prod')).toThrow(
      `No credentials found for cluster "prod". Tried: in-cluster service account (${path.join(
        fsRoot,
        SERVICE_ACCOUNT_DIR,
        'token',
      )} does not exist); hatchway.clusterAccess.kubeconfigPath (not set); KUBECONFIG (not set); ~/.kube/config (${path.join(
        home,
        '.kube',
        'config',
      )} does not exist).`,
    );
  });

  it('reports a kubeconfig that cannot be parsed', () => {
    const broken = writeFile(path.join(tmp, 'broken'), 'clusters: [');
    const service = DefaultClusterAccessService.fromConfig(
      clustersConfig([{ name: 'prod' }]),
      { fsRoot, env: { KUBECONFIG: broken }, homeDir: home },
    );
    expect(() => service.getKubeConfig('prod')).toThrow(
      /KUBECONFIG \(.*broken is not a valid kubeconfig/,
    );
  });
});
