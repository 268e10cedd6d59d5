import { ReadinessFinding } from '@hatchway/plugin-readiness-common';
import { finding } from '../__testUtils__/findings';
import { CheckCatalog } from './CheckCatalog';
import { csvField, toCsv } from './csv';

describe('CSV export', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });

  it('writes a header and one row per finding', () => {
    const row: ReadinessFinding = {
      ...finding({
        resource: { cluster: 'prod' },
        container: 'api',
        fieldPaths: [
          'spec.template.spec.containers[0].securityContext.runAsNonRoot',
        ],
      }).finding,
      entityRefs: ['component:default/shop-api'],
      owners: ['group:default/team-a'],
      scanId: 's1',
    };
    const csv = toCsv(
      [row],
      CheckCatalog.fromOptions({ profile: 'default', overrides: {} }),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'cluster,namespace,kind,name,container,check,title,severity,category,status,message,fields,exemption_reason,exemption_expires_at,entities,owners',
    );
    expect(lines[1]).toMatch(
      /^prod,shop,Deployment,shop-api,api,run-as-non-root,[^,]+,danger,security,failed,Runs as root,spec\.template\.spec\.containers\[0\]\.securityContext\.runAsNonRoot,,,component:default\/shop-api,group:default\/team-a$/,
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });
});
