import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOADER = path.resolve(__dirname, '../bin/cachedTypeScript.js');

describe("the dev runner launcher's transpile cache", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-launcher-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `main.ts` of the folder in a fresh node with the cached loader, as the launcher does. */
  const run = (cacheDir: string) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(
          LOADER,
        )}).registerCachedTypeScript(${JSON.stringify(cacheDir)});
         require(${JSON.stringify(path.join(dir, 'main.ts'))});`,
      ],
      { encoding: 'utf8' },
    );

  const write = (name: string, text: string) =>
    fs.writeFileSync(path.join(dir, name), text);

  it('runs TypeScript, keeps it transpiled, and runs an edited file as edited', () => {
    const cache = path.join(dir, 'cache');
    write('greeting.ts', `export const greeting: string = 'hello';\n`);
    write(
      'main.ts',
      `import { greeting } from './greeting';\nenum Mark { Bang = '!' }\nprocess.stdout.write(greeting + Mark.Bang);\n`,
    );
    expect(run(cache).stdout).toBe('hello!');
    expect(fs.readdirSync(cache)).toHaveLength(2);
    expect(run(cache).stdout).toBe('hello!');
    expect(fs.readdirSync(cache)).toHaveLength(2);

    write('greeting.ts', `export const greeting: string = 'bye';\n`);
    expect(run(cache).stdout).toBe('bye!');
    expect(fs.readdirSync(cache)).toHaveLength(3);
  });

  it('still runs when the cache cannot be written', () => {
    const blocked = path.join(dir, 'not-a-folder');
    write('not-a-folder', 'a file where the cache would go');
    write('main.ts', `process.stdout.write(String(1 as number));\n`);
    const result = run(blocked);
    expect(result.stdout).toBe('1');
    expect(result.status).toBe(0);
  });
});
