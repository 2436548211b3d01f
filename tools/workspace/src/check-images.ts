// `npm run lint:images`: offline checks of the root Dockerfile and docker-compose.yml against the
// repository (no Docker engine needed). Every COPY source exists and is not dropped by
// .dockerignore; every compose service built from the Dockerfile names an APP whose entry point
// exists (and a command's script, when it has one); every variable a service sets is one its
// program reads; every bind-mounted file exists. Prints the problems and exits 1 if any.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');

/** Where each APP of the image starts (libs/platform/local-stack/src/entry-points.ts). */
export const APP_ENTRY_POINTS: Readonly<Record<string, string>> = {
  oms: 'apps/oms/src/main.ts',
  'ws-gateway': 'apps/ws-gateway/src/main.ts',
  'market-maker': 'apps/market-maker/src/main.ts',
  notifier: 'apps/notifier/src/main.ts',
  'sim-venue': 'apps/sim-venue/src/main.ts',
  'margin-call': 'apps/margin-call/src/main.ts',
  identity: 'tools/identity/src/main.ts',
};

/** Each APP's config schema; a file that spreads BACKING_SERVICES_ENV reads those names too. */
const CONFIG_FILES: Readonly<Record<string, string>> = {
  oms: 'apps/oms/src/config.ts',
  'ws-gateway': 'apps/ws-gateway/src/config.ts',
  'market-maker': 'apps/market-maker/src/config.ts',
  notifier: 'apps/notifier/src/config.ts',
  'sim-venue': 'apps/sim-venue/src/config.ts',
  'margin-call': 'apps/margin-call/src/config.ts',
  identity: 'tools/identity/src/config.ts',
};
const BACKING_SERVICES_ENV_FILE = 'libs/platform/resources/src/backing-services-env.ts';

/** Read by libraries rather than a schema: the AWS SDK, Node, the logger. */
const AMBIENT_VARIABLES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'NODE_ENV',
  'NODE_OPTIONS',
  'LOG_FORMAT',
  'TZ',
]);

export interface ImageFiles {
  readonly dockerfile: string;
  readonly compose: string;
  readonly dockerignore?: string;
}

/** The problems found, one sentence each; empty when all is well. */
export function checkImages(files: ImageFiles, root: string = WORKSPACE_ROOT): string[] {
  return [
    ...checkDockerfile(files.dockerfile, files.dockerignore ?? '', root),
    ...checkWorkspaceManifests(files.dockerfile, root),
    ...checkCompose(files.compose, root),
  ];
}

/**
 * `npm ci` checks the lockfile against every workspace the root package.json names, so the
 * image must copy each workspace's package.json before it: a new project left out breaks the
 * build only once someone builds an image.
 */
function checkWorkspaceManifests(dockerfile: string, root: string): string[] {
  const lines = instructions(dockerfile);
  const install = lines.findIndex((line) => /^RUN\s.*\bnpm ci\b/i.test(line));
  if (install === -1) return [];
  const copied = new Set(
    lines
      .slice(0, install)
      .map((line) => /^COPY\s+(?!--from=)(\S+\/package\.json)\s/i.exec(line)?.[1])
      .filter((source): source is string => source !== undefined),
  );
  return workspaceDirectories(root)
    .map((dir) => `${dir}/package.json`)
    .filter((manifest) => !copied.has(manifest))
    .map((manifest) => `Dockerfile: ${manifest} (a workspace) is not copied before npm ci`);
}

/** The folders the root package.json's workspaces name (patterns ending in `*` expanded). */
function workspaceDirectories(root: string): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces?: string[];
  };
  const expand = (pattern: string): string[] => {
    const star = pattern.indexOf('*');
    if (star === -1) return [pattern];
    const base = pattern.slice(0, star).replace(/\/$/, '');
    const rest = pattern.slice(star + 1).replace(/^\//, '');
    return readdirSync(join(root, base), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) =>
        rest ? expand(`${base}/${entry.name}/${rest}`) : [`${base}/${entry.name}`],
      );
  };
  return workspaces.flatMap(expand).filter((dir) => existsSync(join(root, dir, 'package.json')));
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function instructions(dockerfile: string): string[] {
  const result: string[] = [];
  let current = '';
  for (const raw of dockerfile.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    result.push(current + line);
    current = '';
  }
  if (current !== '') result.push(current);
  return result;
}

function copyArguments(rest: string): string[] {
  const trimmed = rest.trim();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  }
  return trimmed.split(/\s+/);
}

/** .dockerignore's patterns, as regular expressions over paths relative to the context. */
function ignoreMatchers(dockerignore: string): { pattern: string; regex: RegExp }[] {
  return dockerignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .map((pattern) => {
      const body = pattern
        .replace(/^\.\//, '')
        .replace(/\/$/, '')
        .split('/')
        .map((part) =>
          part === '**'
            ? '(?:.*/)?'
            : `${part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]')}/`,
        )
        .join('');
      // A pattern that matches a folder drops everything under it.
      return { pattern, regex: new RegExp(`^${body.replace(/\/$/, '')}(?:/.*)?$`) };
    });
}

function checkDockerfile(dockerfile: string, dockerignore: string, root: string): string[] {
  const problems: string[] = [];
  const ignored = ignoreMatchers(dockerignore);
  const lines = instructions(dockerfile);
  if (!lines.some((line) => /^ARG\s+APP\b/i.test(line)))
    problems.push('Dockerfile: no `ARG APP` (the build argument that selects the app)');
  for (const line of lines) {
    const match = /^(COPY|ADD)\s+(.*)$/i.exec(line);
    if (!match) continue;
    const args = copyArguments(match[2] ?? '');
    // From another stage or image: not the build context.
    if (args.some((arg) => arg.startsWith('--from='))) continue;
    const paths = args.filter((arg) => !arg.startsWith('--'));
    for (const source of paths.slice(0, -1)) {
      const relative = source.replace(/^\.\//, '').replace(/\/$/, '');
      if (relative === '' || relative === '.') continue;
      if (!existsSync(join(root, relative)))
        problems.push(`Dockerfile: COPY source ${source} does not exist in the repository`);
      const rule = ignored.find(({ regex }) => regex.test(relative));
      if (rule)
        problems.push(
          `Dockerfile: COPY source ${source} is excluded from the build context by .dockerignore (${rule.pattern})`,
        );
    }
  }
  return problems;
}

/** The variable names a TypeScript file declares as schema keys or reads from process.env. */
function variablesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^\s+([A-Z][A-Z0-9_]*)\??:/gm)) names.add(match[1] ?? '');
  for (const match of text.matchAll(/process\.env(?:\.|\[['"])([A-Z][A-Z0-9_]*)/g))
    names.add(match[1] ?? '');
  names.delete('');
  return names;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** What the APP's config schema reads. */
function appVariables(app: string, root: string): Set<string> {
  const file = CONFIG_FILES[app];
  const text = file ? readIfExists(join(root, file)) : undefined;
  if (text === undefined) return new Set();
  const names = variablesIn(text);
  if (text.includes('...BACKING_SERVICES_ENV')) {
    const backing = readIfExists(join(root, BACKING_SERVICES_ENV_FILE)) ?? '';
    for (const name of variablesIn(backing)) names.add(name);
  }
  return names;
}

/** The market maker's per-symbol overrides: `<KNOB>_<SYMBOL>` of a knob it reads. */
function isSymbolOverride(app: string, name: string, known: ReadonlySet<string>): boolean {
  if (app !== 'market-maker') return false;
  return [...known].some(
    (knob) => name.startsWith(`${knob}_`) && /^[A-Z0-9_]+$/.test(name.slice(knob.length + 1)),
  );
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `environment:` or `args:` as a map or a list of `NAME=value`. */
function mapping(value: unknown): Record<string, unknown> {
  if (Array.isArray(value))
    return Object.fromEntries(
      value.map((item) => {
        const [name = '', ...rest] = String(item).split('=');
        return [name, rest.join('=')];
      }),
    );
  return record(value) ?? {};
}

function commandWords(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/\s+/);
  return [];
}

function checkCompose(compose: string, root: string): string[] {
  const problems: string[] = [];
  let document: unknown;
  try {
    document = parse(compose);
  } catch (error) {
    return [`docker-compose.yml: not YAML: ${(error as Error).message}`];
  }
  const services = record(record(document)?.['services']);
  if (!services) return ['docker-compose.yml: no services'];
  for (const [name, value] of Object.entries(services)) {
    const service = record(value) ?? {};
    const where = `docker-compose.yml: service ${name}`;
    for (const volume of Array.isArray(service['volumes']) ? service['volumes'] : []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : undefined;
      if (source?.startsWith('./') && !existsSync(join(root, source)))
        problems.push(`${where}: bind mount ${source} does not exist`);
    }
    if (service['build'] === undefined) continue;
    const build = record(service['build']) ?? {};
    const app = mapping(build['args'])['APP'];
    if (typeof app !== 'string' || app === '') {
      problems.push(`${where}: built from the Dockerfile without an APP build argument`);
      continue;
    }
    const entry = APP_ENTRY_POINTS[app];
    if (entry === undefined) {
      problems.push(
        `${where}: APP ${app} is not one of ${Object.keys(APP_ENTRY_POINTS).join(', ')}`,
      );
      continue;
    }
    if (!existsSync(join(root, entry)))
      problems.push(`${where}: APP ${app}'s entry point ${entry} does not exist`);

    // A command runs another script of the image (provision, migrate, seed): it reads its own
    // variables, besides the app's.
    const known = appVariables(app, root);
    const script = commandWords(service['command']).find((word) => /\.[cm]?[jt]s$/.test(word));
    if (script !== undefined) {
      const text = readIfExists(join(root, script));
      if (text === undefined) problems.push(`${where}: command's script ${script} does not exist`);
      else for (const variable of variablesIn(text)) known.add(variable);
    }
    for (const variable of Object.keys(mapping(service['environment']))) {
      if (known.has(variable) || AMBIENT_VARIABLES.has(variable)) continue;
      if (isSymbolOverride(app, variable, known)) continue;
      problems.push(
        `${where}: sets ${variable}, which ${script ?? `APP ${app}`} does not read (${CONFIG_FILES[app]})`,
      );
    }
  }
  return problems;
}

/** The repository's own Dockerfile, docker-compose.yml and .dockerignore. */
export function readImageFiles(root: string = WORKSPACE_ROOT): ImageFiles {
  return {
    dockerfile: readFileSync(join(root, 'Dockerfile'), 'utf8'),
    compose: readFileSync(join(root, 'docker-compose.yml'), 'utf8'),
    dockerignore: readIfExists(join(root, '.dockerignore')) ?? '',
  };
}

if (import.meta.main) {
  const problems = checkImages(readImageFiles());
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log('Dockerfile and docker-compose.yml: COPY sources, apps and variables check out');
}
