// Lints Hatchway's Dockerfiles: the syntax checks of dockerfile-utils (the validator behind VS
// Code's Docker language server) plus the project's image policy below. Prints `file:line: rule:
// message` per finding and exits 1 when there is any.
//   node scripts/lint-dockerfiles.mjs [Dockerfile...]   (default: the three images' Dockerfiles)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
// The parsers are devDependencies of the backend workspace (the portal image's package).
const require = createRequire(
  path.join(repoRoot, 'packages/backend/package.json'),
);
const { validate } = require('dockerfile-utils');
const { DockerfileParser } = require('dockerfile-ast');

export const DEFAULT_DOCKERFILES = [
  'packages/backend/Dockerfile',
  'packages/gateway/Dockerfile',
  'packages/runner/Dockerfile',
];

/** `# no HEALTHCHECK: <reason>` documents why an image has none. */
const NO_HEALTHCHECK_REASON = /^#\s*no HEALTHCHECK:\s*\S/im;

const line = instruction => instruction.getRange().start.line + 1;

/** ${NAME} and $NAME replaced by the defaults of the ARGs declared before the first FROM. */
function expandGlobalArgs(text, dockerfile) {
  const defaults = new Map();
  for (const arg of dockerfile.getInitialARGs()) {
    const [name, ...value] = (arg.getArgumentsContent() ?? '').split('=');
    if (value.length) defaults.set(name.trim(), value.join('=').trim());
  }
  return text.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (whole, braced, bare) => defaults.get(braced ?? bare) ?? whole,
  );
}

/** name[:tag][@digest] of an image reference (a registry port is not a tag). */
export function parseImageRef(ref) {
  const [nameTag, digest] = ref.split('@');
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  const hasTag = colon > slash;
  return {
    name: hasTag ? nameTag.slice(0, colon) : nameTag,
    tag: hasTag ? nameTag.slice(colon + 1) : undefined,
    digest,
  };
}

function checkFroms(dockerfile, stages, report) {
  const stageNames = new Set();
  for (const { from } of stages) {
    const raw = from.getImage() ?? '';
    const image = expandGlobalArgs(raw, dockerfile);
    const { name, tag, digest } = parseImageRef(image);
    // A FROM may name an earlier stage (already checked) or scratch (no image at all).
    const checked = stageNames.has(name) || name === 'scratch';
    const alias = from.getBuildStage();
    if (alias) stageNames.add(alias);
    if (!checked) {
      if (/\$/.test(image)) {
        report(
          from,
          'from-digest',
          `FROM ${raw}: the image comes from a variable without a default, so its digest cannot be checked`,
        );
        continue;
      }
      if (!/^sha256:[a-f0-9]{64}$/.test(digest ?? '')) {
        report(
          from,
          'from-digest',
          `FROM ${image}: pin the base image by digest (${name}:<tag>@sha256:<64 hex>)`,
        );
      }
      if (tag === 'latest' || (!tag && !digest)) {
        report(
          from,
          'no-latest',
          `FROM ${image}: name a version tag, not latest (implied when there is no tag)`,
        );
      }
    }
  }
}

/** The final stage must drop root: a last USER with a numeric, non-zero UID (runAsNonRoot checks it). */
function checkFinalUser(finalStage, report) {
  const users = finalStage.instructions.filter(i => i.getKeyword() === 'USER');
  const last = users[users.length - 1];
  if (!last) {
    report(
      finalStage.from,
      'final-user',
      'the final stage has no USER: the image would run as root; add USER <uid>:<gid>',
    );
    return;
  }
  const user = (last.getArgumentsContent() ?? '').split(':')[0].trim();
  if (!/^\d+$/.test(user)) {
    report(
      last,
      'final-user',
      `USER ${user}: use a numeric UID (Kubernetes' runAsNonRoot cannot verify a user name)`,
    );
  } else if (Number(user) === 0) {
    report(
      last,
      'final-user',
      'USER 0 is root: run the image as a non-root UID',
    );
  }
}

function checkInstruction(instruction, report) {
  const keyword = instruction.getKeyword();
  const args = instruction.getArgumentsContent() ?? '';
  if (keyword === 'ADD') {
    const sources = instruction.getArguments().slice(0, -1);
    for (const source of sources.map(a => a.getValue())) {
      if (/^(https?|git|ssh):\/\/|^git@/.test(source)) {
        report(
          instruction,
          'no-add-url',
          `ADD ${source}: download in a RUN that checks a checksum (or ADD --checksum), or COPY a file from the context`,
        );
      }
    }
  }
  if (keyword !== 'RUN') return;
  if (/\bapt-get\b[^&|;]*\binstall\b/.test(args)) {
    if (!/--no-install-recommends\b/.test(args)) {
      report(
        instruction,
        'apt-install',
        'apt-get install without --no-install-recommends pulls in packages nobody asked for',
      );
    }
    if (!/rm\s+-(rf|fr|r)\s+\/var\/lib\/apt\/lists/.test(args)) {
      report(
        instruction,
        'apt-install',
        'apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN leaves the package lists in the layer',
      );
    }
  }
  if (/\bapt\s+install\b/.test(args)) {
    report(
      instruction,
      'apt-install',
      'use apt-get, not apt (apt has no stable command-line interface for scripts)',
    );
  }
  if (/(^|[;&|(]\s*|\s)chown\s/.test(args)) {
    report(
      instruction,
      'copy-chown',
      'a RUN chown copies every file it touches into a new layer: COPY --chown=<uid>:<gid> instead',
    );
  }
}

function checkHealthcheck(text, finalStage, report) {
  const has = finalStage.instructions.some(
    i => i.getKeyword() === 'HEALTHCHECK',
  );
  if (!has && !NO_HEALTHCHECK_REASON.test(text)) {
    report(
      finalStage.from,
      'healthcheck',
      'the final stage has no HEALTHCHECK: add one, or a comment "# no HEALTHCHECK: <why>"',
    );
  }
}

/** The findings for one Dockerfile's text: { line, rule, message }, by line. */
export function lintDockerfile(text) {
  const findings = [];
  const report = (instruction, rule, message) =>
    findings.push({ line: line(instruction), rule, message });
  for (const d of validate(text)) {
    findings.push({
      line: d.range.start.line + 1,
      rule: 'syntax',
      message: d.message,
    });
  }
  const dockerfile = DockerfileParser.parse(text);
  const stages = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      stages.push({ from: instruction, instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(instruction);
    }
    checkInstruction(instruction, report);
  }
  if (!stages.length) {
    findings.push({ line: 1, rule: 'syntax', message: 'no FROM instruction' });
    return findings;
  }
  checkFroms(dockerfile, stages, report);
  const finalStage = stages[stages.length - 1];
  checkFinalUser(finalStage, report);
  checkHealthcheck(text, finalStage, report);
  return findings.sort((a, b) => a.line - b.line);
}

/** A .dockerignore pattern as a regular expression over context-relative paths. */
function ignorePatternRegExp(pattern) {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split(/(\*\*\/?|\*|\?)/)
    .map(part => {
      if (part === '**/' || part === '**') return '(.*/)?';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body.replace(/\(\.\*\/\)\?$/, '.*')}$`);
}

/**
 * Whether docker leaves a path (relative to the build context) out of the context, by the
 * .dockerignore text: a pattern excludes a path it matches or any directory above it, `!`
 * patterns take paths back, and the last pattern that matches decides.
 */
export function isDockerignored(relPath, dockerignore) {
  const rules = dockerignore
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))
    .map(l => ({
      keep: l.startsWith('!'),
      re: ignorePatternRegExp(l.replace(/^!/, '')),
    }));
  const parts = relPath.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const { keep, re } of rules) {
    if (prefixes.some(p => re.test(p))) ignored = !keep;
  }
  return ignored;
}

/** `file:line: rule: message` lines for the given Dockerfiles (paths relative to the repo). */
export function lintFiles(files) {
  const out = [];
  for (const file of files) {
    const text = fs.readFileSync(path.resolve(repoRoot, file), 'utf8');
    for (const f of lintDockerfile(text)) {
      out.push(`${file}:${f.line}: ${f.rule}: ${f.message}`);
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  const messages = lintFiles(files.length ? files : DEFAULT_DOCKERFILES);
  for (const m of messages) console.error(m);
  if (messages.length) {
    console.error(`${messages.length} Dockerfile finding(s)`);
    process.exit(1);
  }
  console.log(
    `${
      (files.length ? files : DEFAULT_DOCKERFILES).length
    } Dockerfiles lint clean`,
  );
}
