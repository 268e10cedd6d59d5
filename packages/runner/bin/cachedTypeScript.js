/*
 * Loads a checkout's TypeScript sources for the dev runner launcher, as
 * @backstage/cli/config/nodeTransform.cjs does (swc, same options) but with each transpiled file
 * kept in a cache keyed by its content: a cold session start then neither loads swc nor
 * registers the loader's ESM hooks thread (together ~0.4 s of CPU per start on the shared
 * machine), and an edited file is transpiled again at its next start.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

/** nodeTransform.cjs's options: stack traces and behaviour stay as with the CLI's loader. */
const SWC_OPTIONS = {
  sourceMaps: 'inline',
  module: { type: 'commonjs', ignoreDynamic: true },
  jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
};

/** swc as @backstage/cli's loader finds it (the runner depends on the CLI, not on swc). */
function swcCorePath() {
  const cli = require.resolve('@backstage/cli/package.json');
  const cliNode = require.resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
    { paths: [path.dirname(cli)] },
  );
  return require.resolve('@swc/core', { paths: [path.dirname(cliNode)] });
}

/**
 * Makes `require` of `.ts`/`.cts` files use transpiled code from `cacheDir` (written on a miss;
 * an unwritable cache only costs the transpile). The key covers the file's path and content, swc's
 * version and this loader's own text (its options).
 */
function registerCachedTypeScript(cacheDir) {
  const swcPath = swcCorePath();
  const swcPackage = path.join(path.dirname(swcPath), 'package.json');
  const salt = createHash('sha256')
    .update(fs.readFileSync(__filename))
    .update(readVersion(swcPackage))
    .digest();
  let swc;

  const load = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const key = createHash('sha256')
      .update(salt)
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
    const cached = path.join(cacheDir, `${key}.js`);
    let code;
    try {
      code = fs.readFileSync(cached, 'utf8');
    } catch {
      swc ??= require(swcPath);
      code = swc.transformSync(source, { ...SWC_OPTIONS, filename }).code;
      writeAtomically(cacheDir, cached, code);
    }
    module._compile(code, filename);
  };
  Module._extensions['.ts'] = load;
  Module._extensions['.cts'] = load;
}

function readVersion(packageJson) {
  try {
    return JSON.parse(fs.readFileSync(packageJson, 'utf8')).version ?? '';
  } catch {
    return '';
  }
}

/** Runners starting side by side may write the same entry: each renames its own complete copy. */
function writeAtomically(dir, file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}

module.exports = { registerCachedTypeScript };
