// Rendering the chart with the real helm binary (from the tool folder) for the chart's tests.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, parseAllDocuments } from 'yaml';

export const chartDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
export const repoRoot = path.resolve(chartDir, '../..');
export const helm =
  process.env.HELM ?? path.resolve(repoRoot, '.tools/bin/helm');
export const NAMESPACE = 'portal';

/** --set arguments that switch sign-in to oauth2-proxy (auth.provider oauth2Proxy). */
export const OAUTH2_PROXY_ARGS = [
  '--set',
  'auth.provider=oauth2Proxy',
  '--set',
  'auth.oauth2Proxy.serviceName=oauth2-proxy',
  '--set',
  'auth.oauth2Proxy.from[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=oauth2-proxy',
];

/** Values file paths: bare names are in the chart's ci/ folder, others relative to the repo. */
export function valuesPath(file) {
  return file.includes('/')
    ? path.resolve(repoRoot, file)
    : path.join(chartDir, 'ci', file);
}

function templateArgs(valuesFiles, extraArgs) {
  const args = ['template', 'rel', chartDir, '--namespace', NAMESPACE];
  for (const file of valuesFiles) args.push('-f', valuesPath(file));
  return [...args, ...extraArgs];
}

/** The rendered manifests as text (throws with helm's message when rendering fails). */
export function renderText(valuesFiles = [], extraArgs = []) {
  return execFileSync(helm, templateArgs(valuesFiles, extraArgs), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The rendered objects. */
export function render(valuesFiles = [], extraArgs = []) {
  return parseAllDocuments(renderText(valuesFiles, extraArgs))
    .map(d => d.toJSON())
    .filter(Boolean);
}

/** helm template's exit status and output, for renders that must fail. */
export function tryRender(valuesFiles = [], extraArgs = []) {
  return spawnSync(helm, templateArgs(valuesFiles, extraArgs), {
    encoding: 'utf8',
  });
}

export const byKind = (docs, kind) => docs.filter(d => d.kind === kind);
export const named = (docs, kind, name) =>
  docs.find(d => d.kind === kind && d.metadata.name === name);

/** Whether a label selector (matchLabels only, as the chart writes them) selects the labels. */
export function selects(selector, labels) {
  return Object.entries(selector?.matchLabels ?? {}).every(
    ([k, v]) => labels?.[k] === v,
  );
}

function ipv4ToInt(ip) {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Whether an IPv4 CIDR contains an address. */
export function cidrContains(cidr, address) {
  const [base, bits] = cidr.split('/');
  if (base.includes(':')) return false;
  const block = 2 ** (32 - Number(bits));
  return (
    Math.floor(ipv4ToInt(base) / block) ===
    Math.floor(ipv4ToInt(address) / block)
  );
}

/** The pod templates of every workload: { name, spec, labels }. */
export function podTemplates(docs) {
  return docs
    .filter(d => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(d.kind))
    .map(d => ({
      name: `${d.kind}/${d.metadata.name}`,
      spec: d.spec.template.spec,
      labels: d.spec.template.metadata.labels,
    }));
}

export const envOf = container =>
  Object.fromEntries((container.env ?? []).map(e => [e.name, e]));

/** A ci/ scenario rendered, with what most tests look at. */
export function scenario(file) {
  const docs = render([file]);
  const portal = named(docs, 'Deployment', 'rel-hatchway');
  const gateway = named(docs, 'Deployment', 'rel-hatchway-gateway');
  const configMap = named(docs, 'ConfigMap', 'rel-hatchway-app-config');
  return {
    docs,
    portal,
    gateway,
    portalEnv: envOf(portal.spec.template.spec.containers[0]),
    gatewayEnv: envOf(gateway.spec.template.spec.containers[0]),
    config: parseYaml(configMap.data['app-config.chart.yaml']),
  };
}
