// The Dockerfile lint: each policy rule fires on a Dockerfile that breaks it (with the line), and
// the three real Dockerfiles pass.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_DOCKERFILES,
  isDockerignored,
  lintDockerfile,
  lintFiles,
  parseImageRef,
  repoRoot,
} from './lint-dockerfiles.mjs';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** A Dockerfile that passes every rule; each case below breaks one thing in it. */
const GOOD = `# syntax=docker/dockerfile:1.7
ARG BASE=debian:bookworm-slim@${DIGEST}
FROM node:22-bookworm-slim@${DIGEST} AS build
RUN apt-get update && apt-get install -y --no-install-recommends make \\
 && rm -rf /var/lib/apt/lists/*
COPY . /src
FROM \${BASE}
COPY --from=build --chown=10001:10001 /src /app
USER 10001:10001
HEALTHCHECK CMD ["/app/healthcheck"]
CMD ["/app/run"]
`;

function rulesOf(text) {
  return lintDockerfile(text).map(f => `${f.line} ${f.rule}`);
}

describe('lint-dockerfiles policy', () => {
  test('a Dockerfile that keeps every rule has no findings', () => {
    assert.deepEqual(lintDockerfile(GOOD), []);
  });

  const cases = [
    {
      name: 'a FROM without a digest',
      text: GOOD.replace(`node:22-bookworm-slim@${DIGEST}`, 'node:22'),
      expected: ['3 from-digest'],
    },
    {
      name: 'a FROM whose ARG default has no digest',
      text: GOOD.replace(
        `BASE=debian:bookworm-slim@${DIGEST}`,
        'BASE=debian:12',
      ),
      expected: ['7 from-digest'],
    },
    {
      name: 'a FROM from an ARG without a default',
      text: GOOD.replace(`BASE=debian:bookworm-slim@${DIGEST}`, 'BASE'),
      expected: ['7 from-digest'],
    },
    {
      name: 'the latest tag (even with a digest)',
      text: GOOD.replace('node:22-bookworm-slim@', 'node:latest@'),
      expected: ['3 no-latest'],
    },
    {
      name: 'no tag at all (latest implied)',
      text: GOOD.replace(`node:22-bookworm-slim@${DIGEST}`, 'node'),
      expected: ['3 from-digest', '3 no-latest'],
    },
    {
      name: 'no USER in the final stage',
      text: GOOD.replace('USER 10001:10001\n', ''),
      expected: ['7 final-user'],
    },
    {
      name: 'a USER by name',
      text: GOOD.replace('USER 10001:10001', 'USER node'),
      expected: ['9 final-user'],
    },
    {
      name: 'USER root by number',
      text: GOOD.replace('USER 10001:10001', 'USER 0'),
      expected: ['9 final-user'],
    },
    {
      name: 'a non-root USER followed by a switch back to root',
      text: GOOD.replace('HEALTHCHECK', 'USER 0:0\nHEALTHCHECK'),
      expected: ['10 final-user'],
    },
    {
      name: 'ADD of a URL',
      text: GOOD.replace(
        'COPY . /src',
        'ADD https://example.com/tool.tar.gz /src/',
      ),
      expected: ['6 no-add-url'],
    },
    {
      name: 'apt-get install without --no-install-recommends',
      text: GOOD.replace(' --no-install-recommends', ''),
      expected: ['4 apt-install'],
    },
    {
      name: 'apt-get install that leaves the package lists',
      text: GOOD.replace(
        ' \\\n && rm -rf /var/lib/apt/lists/*',
        ' && apt-get clean',
      ),
      expected: ['4 apt-install'],
    },
    {
      name: 'a chown layer',
      text: GOOD.replace(
        'USER 10001:10001',
        'RUN chown -R 10001:10001 /app\nUSER 10001:10001',
      ),
      expected: ['9 copy-chown'],
    },
    {
      name: 'no HEALTHCHECK and no reason',
      text: GOOD.replace('HEALTHCHECK CMD ["/app/healthcheck"]\n', ''),
      expected: ['7 healthcheck'],
    },
    {
      name: 'a syntax error found by dockerfile-utils',
      text: GOOD.replace('COPY . /src', 'COPY /src'),
      expected: ['6 syntax'],
    },
  ];
  for (const { name, text, expected } of cases) {
    test(`fires on ${name}`, () => {
      assert.deepEqual(rulesOf(text), expected);
    });
  }

  test('accepts a documented reason instead of a HEALTHCHECK', () => {
    const text = GOOD.replace(
      'HEALTHCHECK CMD ["/app/healthcheck"]',
      '# no HEALTHCHECK: Kubernetes probes it',
    );
    assert.deepEqual(lintDockerfile(text), []);
  });

  test('does not take a stage name or a registry port for an unpinned image', () => {
    assert.deepEqual(parseImageRef(`registry:5000/team/app@${DIGEST}`), {
      name: 'registry:5000/team/app',
      tag: undefined,
      digest: DIGEST,
    });
    const text = GOOD.replace('FROM ${BASE}', 'FROM build AS final');
    assert.deepEqual(lintDockerfile(text), []);
  });
});

describe('the real Dockerfiles', () => {
  test('the portal, gateway and runner Dockerfiles pass', () => {
    assert.deepEqual(lintFiles(DEFAULT_DOCKERFILES), []);
  });

  test('the command prints file:line findings and exits 1 on a bad Dockerfile', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-dockerfiles-'));
    const bad = path.join(dir, 'Dockerfile');
    fs.writeFileSync(bad, 'FROM node:latest\nRUN npm install\n');
    const script = fileURLToPath(
      new URL('./lint-dockerfiles.mjs', import.meta.url),
    );
    const res = spawnSync(process.execPath, [script, bad], {
      encoding: 'utf8',
    });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(res.status, 1);
    assert.match(res.stderr, new RegExp(`^${bad}:1: from-digest: `, 'm'));
    assert.match(res.stderr, new RegExp(`^${bad}:1: final-user: `, 'm'));
  });
});

describe('the build context (.dockerignore)', () => {
  const dockerignore = fs.readFileSync(
    path.join(repoRoot, '.dockerignore'),
    'utf8',
  );

  test("keeps every committed file: the gateway's build stage copies the repository and builds its workspaces", () => {
    const tracked = execFileSync('git', ['ls-files'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    assert.ok(tracked.includes('plugins/terminal-common/src/index.ts'));
    assert.deepEqual(
      tracked.filter(f => isDockerignored(f, dockerignore)),
      [],
    );
    // The portal's COPYs read the host build's bundle, which git does not track.
    assert.equal(
      isDockerignored('packages/backend/dist/bundle.tar.gz', dockerignore),
      false,
    );
  });

  test('leaves out the local toolchain, dependencies, git data and local config', () => {
    for (const file of [
      '.tools/bin/helm',
      '.git/HEAD',
      'node_modules/yaml/package.json',
      'packages/gateway/node_modules/ws/package.json',
      '.yarn/cache/x.zip',
      'app-config.local.yaml',
    ]) {
      assert.equal(isDockerignored(file, dockerignore), true, file);
    }
  });

  test('matches as docker does: parent directories, ** and ! exceptions', () => {
    assert.equal(isDockerignored('plugins/a/src/index.ts', 'plugins'), true);
    assert.equal(
      isDockerignored('packages/gateway/src/x.ts', 'packages/*/src'),
      true,
    );
    assert.equal(
      isDockerignored(
        'packages/gateway/src/x.ts',
        'packages/*/src\n!packages/gateway/src',
      ),
      false,
    );
    assert.equal(isDockerignored('docs/a/b.md', '**/*.md'), true);
    assert.equal(
      isDockerignored('sub/app-config.local.yaml', '*.local.yaml'),
      false,
    );
  });
});
