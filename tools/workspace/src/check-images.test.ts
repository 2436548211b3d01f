import { describe, expect, it } from 'vitest';
import { checkImages, readImageFiles } from './check-images.ts';

const service = (lines: string) => `services:\n  svc:\n${lines}`;

describe('checkImages', () => {
  const real = readImageFiles();

  it('finds nothing wrong with the repository Dockerfile and docker-compose.yml', () => {
    expect(checkImages(real)).toEqual([]);
  });

  it('reports a COPY source that is not in the repository', () => {
    const dockerfile = `${real.dockerfile}\nCOPY infra-that-is-not-here ./infra\n`;
    expect(checkImages({ ...real, dockerfile })).toEqual([
      'Dockerfile: COPY source infra-that-is-not-here does not exist in the repository',
    ]);
  });

  it('reports a workspace whose package.json the image does not copy before npm ci', () => {
    const dockerfile = real.dockerfile.replace(
      'COPY tools/chaos/package.json tools/chaos/package.json\n',
      '',
    );
    expect(checkImages({ ...real, dockerfile })).toEqual([
      'Dockerfile: tools/chaos/package.json (a workspace) is not copied before npm ci',
    ]);
  });

  it('reports a COPY source that .dockerignore drops from the build context', () => {
    const dockerfile = `${real.dockerfile}\nCOPY docs ./docs\n`;
    expect(checkImages({ ...real, dockerfile, dockerignore: 'docs\n' })).toEqual([
      'Dockerfile: COPY source docs is excluded from the build context by .dockerignore (docs)',
    ]);
  });

  it('ignores COPY --from (another stage), and wants ARG APP', () => {
    const dockerfile = 'FROM node:24 AS a\nFROM node:24\nCOPY --from=a /nowhere ./\n';
    expect(checkImages({ ...real, dockerfile })).toEqual([
      'Dockerfile: no `ARG APP` (the build argument that selects the app)',
    ]);
  });

  it('reports a service built without an APP, or with an unknown one', () => {
    const missing = service('    build:\n      context: .\n');
    const unknown = service('    build:\n      context: .\n      args:\n        APP: risk\n');
    expect(checkImages({ ...real, compose: missing })).toEqual([
      'docker-compose.yml: service svc: built from the Dockerfile without an APP build argument',
    ]);
    expect(checkImages({ ...real, compose: unknown })[0]).toMatch(/APP risk is not one of oms,/);
  });

  it("reports a variable the app's config schema does not read", () => {
    const compose = service(
      [
        '    build:',
        '      args: [APP=oms]',
        '    environment:',
        '      REDIS_URL: redis://redis:6379',
        '      HTTP_PORT: "8080"',
        '      AWS_ACCESS_KEY_ID: local',
        '      OMS_REDIS_URL: redis://redis:6379',
        '',
      ].join('\n'),
    );
    expect(checkImages({ ...real, compose })).toEqual([
      'docker-compose.yml: service svc: sets OMS_REDIS_URL, which APP oms does not read (apps/oms/src/config.ts)',
    ]);
  });

  it("accepts the market maker's per-symbol overrides, and a command's own variables", () => {
    const compose = [
      'services:',
      '  mm:',
      '    build: { args: { APP: market-maker } }',
      '    environment: { MARKET_MAKER_BASE_SIZE_ETH_PERP: "0.1", MARKET_MAKER_BASE_SIZ: "1" }',
      '  migrate:',
      '    build: { args: { APP: notifier } }',
      "    command: ['node', 'apps/notifier/src/migrate.ts']",
      '    environment: { DATABASE_URL: postgres://x@y/z }',
      '  gone:',
      '    build: { args: { APP: notifier } }',
      "    command: ['node', 'docker/no-such-script.ts']",
      '',
    ].join('\n');
    expect(checkImages({ ...real, compose })).toEqual([
      'docker-compose.yml: service mm: sets MARKET_MAKER_BASE_SIZ, which APP market-maker does not read (apps/market-maker/src/config.ts)',
      "docker-compose.yml: service gone: command's script docker/no-such-script.ts does not exist",
    ]);
  });

  it('reports a bind mount whose file is missing', () => {
    const compose = service("    image: redis\n    volumes: ['./docker/missing.conf:/etc/x:ro']\n");
    expect(checkImages({ ...real, compose })).toEqual([
      'docker-compose.yml: service svc: bind mount ./docker/missing.conf does not exist',
    ]);
  });
});
