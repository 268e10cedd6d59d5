import type { KubeObject } from '../types';
import type { FieldError } from '../server/errors';

/** How metadata.name is validated for a kind. */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path';

/** Hooks that give a kind its API-server behaviour (defaulting, validation, preparation). */
export interface Strategy {
  /** Fills defaults; called on every write, so it must be idempotent. */
  defaults?(obj: KubeObject): void;
  /** Adjusts a new object before validation (e.g. reset status, generate selectors). */
  prepareCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Adjusts an updated object before validation (e.g. carry over allocated values). */
  prepareUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Validates a complete object. */
  validate?(obj: KubeObject): FieldError[];
  /** Validates an update against the stored object (immutability rules). */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
}

/** What a strategy may ask of the server while preparing an object. */
export interface StrategyContext {
  allocateClusterIP(): string;
  allocateNodePort(): number;
}

/** Subresources a kind serves besides the main resource. */
export interface Subresources {
  status?: boolean;
  scale?: {
    specReplicasPath: string[];
    statusReplicasPath: string[];
    labelSelectorPath?: string[];
  };
  log?: boolean;
  binding?: boolean;
  token?: boolean;
  finalize?: boolean;
}

/** Everything the server knows about one resource (one group/resource, served at one or more versions). */
export interface ResourceType {
  group: string;
  /** The preferred (and storage) version. */
  version: string;
  /** Every served version, preferred first. */
  versions: string[];
  kind: string;
  listKind: string;
  /** The resource name (plural), e.g. `pods`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: Subresources;
  /** Whether metadata.generation is maintained. */
  generation: boolean;
  /** Whether PUT without metadata.resourceVersion is accepted (true for built-ins, false for custom resources). */
  unconditionalUpdate: boolean;
  nameRule: NameRule;
  /** Field selector labels supported besides metadata.name / metadata.namespace. */
  fieldSelectors: string[];
  /** Virtual kinds (reviews, token requests) that are created but never stored. */
  createOnly?: boolean;
  /** Served from a CustomResourceDefinition. */
  custom?: boolean;
  strategy: Strategy;
}

/** `pods`, `deployments.apps` — the key objects are stored under and the name used in messages. */
export function typeKey(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

export function keyOf(rt: ResourceType): string {
  return typeKey(rt.group, rt.plural);
}

/** `v1`, `apps/v1`. */
export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export const STANDARD_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** Defaults for a resource definition; built-ins override what differs. */
export function defineResource(
  def: Pick<
    ResourceType,
    'group' | 'version' | 'kind' | 'plural' | 'namespaced'
  > &
    Partial<ResourceType>,
): ResourceType {
  return {
    versions: [def.version],
    listKind: `${def.kind}List`,
    singular: def.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: STANDARD_VERBS,
    subresources: {},
    generation: false,
    unconditionalUpdate: true,
    nameRule: 'subdomain',
    fieldSelectors: [],
    strategy: {},
    ...def,
  };
}
