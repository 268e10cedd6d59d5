import type { Strategy } from '../resourceType';
import {
  FieldError,
  duplicate,
  forbiddenField,
  invalidValue,
  notSupported,
  required,
} from '../../server/errors';
import { deepEqual, goValue, isObject, JsonObject } from '../../util/json';
import { labelErrors } from '../validation/names';

const CONFIG_KEY_RE = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function validateDataKeys(data: unknown, field: string): FieldError[] {
  if (!isObject(data)) return [];
  const errs: FieldError[] = [];
  for (const key of Object.keys(data)) {
    if (!CONFIG_KEY_RE.test(key) || key.length > 253)
      errs.push(invalidValue(`${field}[${key}]`, goValue(key), CONFIG_KEY_MSG));
  }
  return errs;
}

function immutableData(
  obj: JsonObject,
  old: JsonObject,
  fields: string[],
): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  for (const f of fields) {
    if (!deepEqual(obj[f] ?? {}, old[f] ?? {}))
      errs.push(
        forbiddenField(f, 'field is immutable when `immutable` is set'),
      );
  }
  if (obj.immutable !== true)
    errs.push(
      forbiddenField('immutable', 'field is immutable when `immutable` is set'),
    );
  return errs;
}

export const configMapStrategy: Strategy = {
  validate: obj => [
    ...validateDataKeys(obj.data, 'data'),
    ...validateDataKeys(obj.binaryData, 'binaryData'),
  ],
  validateUpdate: (obj, old) => immutableData(obj, old, ['data', 'binaryData']),
};

const SECRET_REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
};

export const secretStrategy: Strategy = {
  defaults(obj) {
    if (!obj.type) obj.type = 'Opaque';
    // stringData is write-only: the API server folds it into data (base64) before storing.
    if (isObject(obj.stringData)) {
      obj.data = isObject(obj.data) ? obj.data : {};
      for (const [k, v] of Object.entries(obj.stringData)) {
        obj.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      }
      delete obj.stringData;
    }
  },
  validate(obj) {
    const errs = validateDataKeys(obj.data, 'data');
    if (isObject(obj.data)) {
      for (const [k, v] of Object.entries(obj.data)) {
        if (
          typeof v !== 'string' ||
          !/^[A-Za-z0-9+/]*={0,2}$/.test(v.replace(/\s/g, ''))
        ) {
          errs.push(
            invalidValue(
              `data[${k}]`,
              '"<secret contents redacted>"',
              'must be base64 encoded',
            ),
          );
        }
      }
    }
    for (const key of SECRET_REQUIRED_KEYS[obj.type] ?? []) {
      if (!isObject(obj.data) || obj.data[key] === undefined)
        errs.push(required(`data[${key}]`));
    }
    if (
      obj.type === 'kubernetes.io/service-account-token' &&
      !obj.metadata.annotations?.['kubernetes.io/service-account.name']
    ) {
      errs.push(
        required('metadata.annotations[kubernetes.io/service-account.name]'),
      );
    }
    return errs;
  },
  validateUpdate(obj, old) {
    const errs = immutableData(obj, old, ['data']);
    if (obj.type !== old.type)
      errs.push(invalidValue('type', goValue(obj.type), 'field is immutable'));
    return errs;
  },
};

export const namespaceStrategy: Strategy = {
  defaults(obj) {
    if (!isObject(obj.spec)) obj.spec = {};
    if (!Array.isArray(obj.spec.finalizers))
      obj.spec.finalizers = ['kubernetes'];
    // Namespaces always carry their own name as a label (NamespaceDefaultLabelName).
    obj.metadata.labels = {
      ...(obj.metadata.labels ?? {}),
      'kubernetes.io/metadata.name': obj.metadata.name!,
    };
  },
  prepareCreate(obj) {
    obj.status = { phase: 'Active' };
  },
};

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

export const serviceStrategy: Strategy = {
  defaults(obj) {
    const spec = obj.spec;
    if (!isObject(spec)) return;
    if (!spec.type) spec.type = 'ClusterIP';
    if (spec.type === 'ExternalName') return;
    if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
    if (!spec.internalTrafficPolicy) spec.internalTrafficPolicy = 'Cluster';
    if (Array.isArray(spec.ports)) {
      for (const p of spec.ports) {
        if (!isObject(p)) continue;
        if (!p.protocol) p.protocol = 'TCP';
        if (p.targetPort === undefined && p.port !== undefined)
          p.targetPort = p.port;
      }
    }
    if (
      (spec.type === 'NodePort' || spec.type === 'LoadBalancer') &&
      !spec.externalTrafficPolicy
    ) {
      spec.externalTrafficPolicy = 'Cluster';
    }
  },
  prepareCreate(obj, ctx) {
    obj.status = { loadBalancer: {} };
    const spec = obj.spec;
    if (!isObject(spec) || spec.type === 'ExternalName') return;
    if (!spec.clusterIP) spec.clusterIP = ctx.allocateClusterIP();
    if (!Array.isArray(spec.clusterIPs)) spec.clusterIPs = [spec.clusterIP];
    if (spec.clusterIP !== 'None') {
      spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
      spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
    }
    if (
      (spec.type === 'NodePort' || spec.type === 'LoadBalancer') &&
      Array.isArray(spec.ports)
    ) {
      for (const p of spec.ports)
        if (isObject(p) && !p.nodePort) p.nodePort = ctx.allocateNodePort();
    }
  },
  validate(obj) {
    const spec = obj.spec;
    const errs: FieldError[] = [];
    if (!isObject(spec)) return [required('spec.ports')];
    if (!SERVICE_TYPES.includes(spec.type))
      errs.push(notSupported('spec.type', goValue(spec.type), SERVICE_TYPES));
    if (spec.type === 'ExternalName') {
      if (!spec.externalName) errs.push(required('spec.externalName'));
      return errs;
    }
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    if (ports.length === 0 && spec.clusterIP !== 'None')
      errs.push(required('spec.ports'));
    const names = new Set<string>();
    ports.forEach((p: any, i: number) => {
      const at = `spec.ports[${i}]`;
      if (ports.length > 1 && !p?.name) errs.push(required(`${at}.name`));
      if (p?.name) {
        for (const m of labelErrors(p.name))
          errs.push(invalidValue(`${at}.name`, goValue(p.name), m));
        if (names.has(p.name))
          errs.push(duplicate(`${at}.name`, goValue(p.name)));
        names.add(p.name);
      }
      if (p?.port === undefined) errs.push(required(`${at}.port`));
      else if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
        errs.push(
          invalidValue(
            `${at}.port`,
            goValue(p.port),
            'must be between 1 and 65535, inclusive',
          ),
        );
      }
    });
    return errs;
  },
  prepareUpdate(obj, old) {
    // Allocated values carry over when an update omits them, as the service registry does.
    const spec = obj.spec;
    const oldSpec = old.spec ?? {};
    if (!isObject(spec)) return;
    for (const f of [
      'clusterIP',
      'clusterIPs',
      'ipFamilies',
      'ipFamilyPolicy',
    ]) {
      if (!spec[f] && oldSpec[f]) spec[f] = oldSpec[f];
    }
  },
  validateUpdate(obj, old) {
    const ip = obj.spec?.clusterIP;
    const oldIp = old.spec?.clusterIP;
    if (oldIp && ip !== oldIp && obj.spec?.type === old.spec?.type) {
      return [
        invalidValue('spec.clusterIP', goValue(ip), 'field is immutable'),
      ];
    }
    return [];
  },
};

export const pvcStrategy: Strategy = {
  defaults(obj) {
    if (isObject(obj.spec) && !obj.spec.volumeMode)
      obj.spec.volumeMode = 'Filesystem';
  },
  prepareCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  validate(obj) {
    const errs: FieldError[] = [];
    if (
      !Array.isArray(obj.spec?.accessModes) ||
      obj.spec.accessModes.length === 0
    ) {
      errs.push(required('spec.accessModes'));
    }
    if (obj.spec?.resources?.requests?.storage === undefined)
      errs.push(required('spec.resources[storage]'));
    return errs;
  },
};

function validateRules(rules: unknown): FieldError[] {
  if (!Array.isArray(rules)) return [];
  const errs: FieldError[] = [];
  rules.forEach((r: any, i: number) => {
    if (!Array.isArray(r?.verbs) || r.verbs.length === 0) {
      errs.push(
        required(`rules[${i}].verbs`, 'verbs must contain at least one value'),
      );
    }
    const hasResources = Array.isArray(r?.resources) && r.resources.length > 0;
    const hasUrls =
      Array.isArray(r?.nonResourceURLs) && r.nonResourceURLs.length > 0;
    if (!hasResources && !hasUrls) {
      errs.push(
        required(
          `rules[${i}]`,
          'resource rules must supply at least one api group',
        ),
      );
    } else if (
      hasResources &&
      (!Array.isArray(r.apiGroups) || r.apiGroups.length === 0)
    ) {
      errs.push(
        required(
          `rules[${i}].apiGroups`,
          'resource rules must supply at least one api group',
        ),
      );
    }
  });
  return errs;
}

export const roleStrategy: Strategy = {
  validate: obj => validateRules(obj.rules),
};

const ROLE_REF_KINDS = ['Role', 'ClusterRole'];
const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

export function bindingStrategy(clusterScoped: boolean): Strategy {
  return {
    validate(obj) {
      const errs: FieldError[] = [];
      const ref = obj.roleRef;
      const kinds = clusterScoped ? ['ClusterRole'] : ROLE_REF_KINDS;
      if (!isObject(ref)) return [required('roleRef')];
      if (!kinds.includes(ref.kind))
        errs.push(notSupported('roleRef.kind', goValue(ref.kind), kinds));
      if (!ref.name) errs.push(required('roleRef.name'));
      if (ref.apiGroup !== 'rbac.authorization.k8s.io') {
        errs.push(
          notSupported('roleRef.apiGroup', goValue(ref.apiGroup), [
            'rbac.authorization.k8s.io',
          ]),
        );
      }
      (Array.isArray(obj.subjects) ? obj.subjects : []).forEach(
        (s: any, i: number) => {
          if (!SUBJECT_KINDS.includes(s?.kind))
            errs.push(
              notSupported(
                `subjects[${i}].kind`,
                goValue(s?.kind),
                SUBJECT_KINDS,
              ),
            );
          if (!s?.name) errs.push(required(`subjects[${i}].name`));
          if (s?.kind === 'ServiceAccount' && clusterScoped && !s.namespace)
            errs.push(required(`subjects[${i}].namespace`));
        },
      );
      return errs;
    },
    validateUpdate(obj, old) {
      return deepEqual(obj.roleRef, old.roleRef)
        ? []
        : [
            invalidValue(
              'roleRef',
              goValue(obj.roleRef),
              'cannot change roleRef',
            ),
          ];
    },
  };
}

export const hpaStrategy: Strategy = {
  defaults(obj) {
    if (isObject(obj.spec) && obj.spec.minReplicas === undefined)
      obj.spec.minReplicas = 1;
  },
  prepareCreate(obj) {
    obj.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  validate(obj) {
    const errs: FieldError[] = [];
    if (!isObject(obj.spec?.scaleTargetRef))
      errs.push(required('spec.scaleTargetRef'));
    if (obj.spec?.maxReplicas === undefined)
      errs.push(required('spec.maxReplicas'));
    return errs;
  },
};

/** Kinds whose status the registry resets on create. */
export const resetStatusStrategy: Strategy = {
  prepareCreate(obj) {
    obj.status = {};
  },
};

export const ingressStrategy: Strategy = {
  prepareCreate(obj) {
    obj.status = { loadBalancer: {} };
  },
};
