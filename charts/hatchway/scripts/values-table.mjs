// The values table of README.md, from values.yaml and its `# --` comments:
//   node charts/hatchway/scripts/values-table.mjs          prints it
//   node charts/hatchway/scripts/values-table.mjs --write  rewrites it between the README markers
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { isMap, isScalar, parseDocument } from 'yaml';

const chartDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
export const START = '<!-- values-table:start -->';
export const END = '<!-- values-table:end -->';

function description(comment) {
  if (!comment) return '';
  const lines = comment.split('\n').map(l => l.trim());
  const at = lines.findIndex(l => l.startsWith('--'));
  if (at < 0) return '';
  return lines
    .slice(at)
    .join(' ')
    .replace(/^--\s*/, '')
    .trim();
}

function rows(node, prefix, out) {
  node.items.forEach((pair, index) => {
    const key = prefix ? `${prefix}.${pair.key.value}` : String(pair.key.value);
    // The yaml parser hangs a comment above a map's first key on the map itself.
    const comment = description(
      pair.key.commentBefore ?? (index === 0 ? node.commentBefore : undefined),
    );
    const value = pair.value;
    if (isMap(value) && !value.flow && value.items.length > 0) {
      if (comment) out.push({ key, value: '', comment });
      rows(value, key, out);
    } else {
      const json = JSON.stringify(
        value?.toJSON?.() ?? (isScalar(value) ? value.value : null),
      );
      out.push({ key, value: json, comment });
    }
  });
  return out;
}

export function valuesTable() {
  const doc = parseDocument(
    fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8'),
  );
  const escape = s => s.replace(/\|/g, '\\|');
  const lines = ['| Key | Default | Description |', '| --- | --- | --- |'];
  for (const r of rows(doc.contents, '', [])) {
    const value = r.value ? `\`${escape(r.value)}\`` : '';
    lines.push(`| \`${r.key}\` | ${value} | ${escape(r.comment)} |`);
  }
  return lines.join('\n');
}

export const readmePath = path.join(chartDir, 'README.md');

/** README.md with the current table between the markers, formatted as prettier would. */
export async function readmeWithTable(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`README.md lacks ${START} ... ${END}`);
  const head = readme.slice(0, start + START.length);
  const text = `${head}\n\n${valuesTable()}\n\n${readme.slice(end)}`;
  const options = await prettier.resolveConfig(readmePath);
  return prettier.format(text, { ...options, filepath: readmePath });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) {
    const readme = fs.readFileSync(readmePath, 'utf8');
    fs.writeFileSync(readmePath, await readmeWithTable(readme));
  } else {
    console.log(valuesTable());
  }
}
