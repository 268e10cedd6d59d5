import type { Strategy } from '../resourceType';
import {
  FieldError,
  invalidValue,
  notSupported,
  required,
} from '../../server/errors';
import { goValue, isObject } from '../../util/json';
import { subdomainErrors } from '../validation/names';

const SCOPES = ['Cluster', 'Namespaced'];

/** The CustomResourceDefinition registry strategy (apiextensions v1 validation, trimmed). */
export const crdStrategy: Strategy = {
  defaults(obj) {
    const names = obj.spec?.names;
    if (isObject(names) && typeof names.kind === 'string') {
      if (!names.singular) names.singular = names.kind.toLowerCase();
      if (!names.listKind) names.listKind = `${names.kind}List`;
    }
    if (isObject(obj.spec) && !isObject(obj.spec.conversion))
      obj.spec.conversion = { strategy: 'None' };
  },
  prepareCreate(obj) {
    const storage = (obj.spec?.versions ?? []).find(
      (v: any) => v?.storage,
    )?.name;
    obj.status = {
      conditions: [],
      acceptedNames: { plural: '', kind: '' },
      storedVersions: storage ? [storage] : [],
    };
  },
  validate(obj) {
    const errs: FieldError[] = [];
    const spec = obj.spec ?? {};
    const group = spec.group;
    if (!group) errs.push(required('spec.group'));
    else if (!String(group).includes('.'))
      errs.push(
        invalidValue(
          'spec.group',
          goValue(group),
          'should be a domain with at least one dot',
        ),
      );
    else
      for (const m of subdomainErrors(group))
        errs.push(invalidValue('spec.group', goValue(group), m));
    const names = spec.names ?? {};
    if (!names.plural) errs.push(required('spec.names.plural'));
    if (!names.kind) errs.push(required('spec.names.kind'));
    if (!SCOPES.includes(spec.scope))
      errs.push(notSupported('spec.scope', goValue(spec.scope), SCOPES));
    const versions = Array.isArray(spec.versions) ? spec.versions : [];
    if (versions.length === 0) errs.push(required('spec.versions'));
    else {
      if (versions.filter((v: any) => v?.storage === true).length !== 1) {
        errs.push(
          invalidValue(
            'spec.versions',
            goValue(versions.map((v: any) => v?.name)),
            'must have exactly one version marked as storage version',
          ),
        );
      }
      versions.forEach((v: any, i: number) => {
        if (!v?.name) errs.push(required(`spec.versions[${i}].name`));
        if (!isObject(v?.schema?.openAPIV3Schema))
          errs.push(
            required(
              `spec.versions[${i}].schema.openAPIV3Schema`,
              'schemas are required',
            ),
          );
      });
    }
    if (
      names.plural &&
      group &&
      obj.metadata.name !== `${names.plural}.${group}`
    ) {
      errs.push(
        invalidValue(
          'metadata.name',
          goValue(obj.metadata.name),
          'must be spec.names.plural+"."+spec.group',
        ),
      );
    }
    return errs;
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    if (obj.spec?.scope !== old.spec?.scope)
      errs.push(
        invalidValue(
          'spec.scope',
          goValue(obj.spec?.scope),
          'field is immutable',
        ),
      );
    if (obj.spec?.group !== old.spec?.group)
      errs.push(
        invalidValue(
          'spec.group',
          goValue(obj.spec?.group),
          'field is immutable',
        ),
      );
    return errs;
  },
};
