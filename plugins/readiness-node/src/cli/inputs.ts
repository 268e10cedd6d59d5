import fs from 'node:fs';
import path from 'node:path';
import { CliIo } from './io';
import { InputError, LoadedObject, parseManifests } from './load';

const MANIFEST = /\.(ya?ml|json)$/i;

function listFiles(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => {
      const full = path.join(target, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return MANIFEST.test(entry.name) ? [full] : [];
    });
}

/** Reads every manifest the -f arguments name: files, directories (recursively) and stdin. */
export async function loadInputs(
  files: string[],
  io: CliIo,
): Promise<LoadedObject[]> {
  const loaded: LoadedObject[] = [];
  for (const file of files) {
    if (file === '-') {
      loaded.push(...parseManifests(await io.readStdin(), '-'));
      continue;
    }
    let paths: string[];
    try {
      paths = listFiles(path.resolve(io.cwd, file));
    } catch (error) {
      throw new InputError(
        `cannot read ${file}: ${
          (error as NodeJS.ErrnoException).code ?? (error as Error).message
        }`,
      );
    }
    for (const full of paths) {
      const shown = path.relative(io.cwd, full) || full;
      loaded.push(...parseManifests(fs.readFileSync(full, 'utf8'), shown));
    }
  }
  return loaded;
}
