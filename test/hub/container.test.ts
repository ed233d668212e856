/**
 * The hub's container files, checked without a container engine: the image copies only some of
 * the repository (server/Dockerfile's COPY lines), so everything `server/main.ts` imports must be
 * among those files or an installed package; and the compose file's settings must be ones the
 * hub accepts, listening where the compose file publishes its port.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';

const ROOT = resolve(__dirname, '../..');
const DOCKERFILE = readFileSync(join(ROOT, 'server/Dockerfile'), 'utf8');
const COMPOSE = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');

/** The repository paths the image holds: the sources of its COPY instructions. */
function copiedPaths(dockerfile: string): string[] {
  return dockerfile
    .split('\n')
    .filter((line) => /^COPY\s/.test(line))
    .flatMap((line) => {
      const parts = line.trim().split(/\s+/).slice(1);
      return parts.slice(0, -1).map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
    });
}

/** The `ENV` settings of the image (`KEY=value` pairs). */
function imageEnv(dockerfile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of dockerfile.split('\n')) {
    if (!/^ENV\s/.test(line)) continue;
    for (const pair of line.trim().split(/\s+/).slice(1)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(ROOT, from)} imports ${spec}, which does not resolve`);
}

/** Every local file and every package `entry` imports, transitively (type imports included). */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(SPECIFIER)) {
      if (spec!.startsWith('.')) todo.push(resolveLocal(file, spec!));
      else if (!spec!.startsWith('node:') && !builtinModules.includes(spec!)) {
        const parts = spec!.split('/');
        packages.add(spec!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  }
  return { files, packages };
}

describe('the hub image', () => {
  const copied = copiedPaths(DOCKERFILE);

  it('copies the package manifests and the sources the hub runs from', () => {
    expect(copied).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'server']),
    );
  });

  it('holds every file server/main.ts imports, and installs every package it imports', () => {
    const { files, packages } = importGraph(join(ROOT, 'server/main.ts'));
    const outside = [...files]
      .map((f) => relative(ROOT, f))
      .filter((f) => !copied.some((c) => f === c || f.startsWith(`${c}/`)));
    expect(outside).toEqual([]);
    expect(files.size).toBeGreaterThan(5);

    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    // The image runs `npm ci --include=dev` (tsx runs the sources).
    const installed = { ...manifest.dependencies, ...manifest.devDependencies };
    expect([...packages].filter((p) => !(p in installed))).toEqual([]);
    expect(DOCKERFILE).toMatch(/npm ci\b[^\n]*--include=dev/);
  });
});

describe('compose.yaml', () => {
  it('builds the hub from server/Dockerfile with the repository as its context', () => {
    expect(COMPOSE).toMatch(/build:\s*\n\s+context:\s*\.\s*\n\s+dockerfile:\s*server\/Dockerfile/);
  });

  it('gives the hub settings it accepts, listening on every interface at the published port', () => {
    const block = /\n {2}hub:\n([\s\S]*?)(?=\n {2}\w|\n\w|$)/.exec(COMPOSE)?.[1] ?? '';
    const envBlock = /environment:\n((?: {6}\S[^\n]*\n?)+)/.exec(block)?.[1] ?? '';
    const composeEnv = Object.fromEntries(
      envBlock
        .trim()
        .split('\n')
        .map((line) => {
          const [key, ...rest] = line.trim().split(':');
          const value = rest
            .join(':')
            .trim()
            .replace(/^'(.*)'$/, '$1')
            // ${VAR:-default} as compose substitutes it when VAR is unset.
            .replace(/\$\{\w+:-([^}]*)\}/g, '$1');
          return [key!, value];
        }),
    );
    expect(Object.keys(composeEnv)).toContain('DATABASE_URL');
    const config = readConfig({ ...imageEnv(DOCKERFILE), ...composeEnv });
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/tandem:[^@]+@db:5432\/tandem$/);
    expect(config.HUB_HOST).toBe('0.0.0.0');
    const published = /-\s*'?(\d+):(\d+)'?/.exec(block);
    expect(published).not.toBeNull();
    expect(config.PORT).toBe(Number(published![2]));
  });
});
