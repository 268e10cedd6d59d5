import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import { chartFilePath } from '../chart/chartDefaults';

/**
 * The pinned chart's `values.schema.json` compiled once; `validate(values)` returns the schema's
 * complaints (an empty list when the chart accepts the values).
 */
export function chartSchemaValidator(): (values: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const schema = JSON.parse(
    fs.readFileSync(chartFilePath('values.schema.json'), 'utf8'),
  );
  const validate = ajv.compile(schema);
  return values =>
    validate(values)
      ? []
      : (validate.errors ?? []).map(
          e =>
            `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
        );
}
