/**
 * The bench's three real code bases, of growing size, as published package tarballs: fetched once with
 * `npm pack <name>@<version>` (the npm registry only), checked against their published sha512 and unpacked
 * into bench/.corpora/ (git-ignored, never packaged).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';

export interface Corpus {
  /** Short name for the table. */
  name: string;
  /** `name@version` for npm pack. */
  spec: string;
  integrity: string;
  /** What it is and why it is in the bench. */
  description: string;
}

export const CORPORA: Corpus[] = [
  {
    name: 'small',
    spec: 'ws@8.18.0',
    integrity: 'sha512-8VbfWfHLbbwu3+N6OKsOMpBdT4kXPDDB9cJk2bJ6mh9ucxdlnNvH1e+roYkKmN9Nxw2yjz7VzeO9oOz2zJ04Pw==',
    description: 'ws 8.18.0, the WebSocket server and client for Node: 16 JavaScript files',
  },
  {
    name: 'medium',
    spec: 'mongoose@8.9.5',
    integrity: 'sha512-SPhOrgBm0nKV3b+IIHGqpUTOmgVL5Z3OO9AwkFEmvOZznXTvplbomstCnPOGAyungtRXE5pJTgKpKcZTdjeESg==',
    description: 'mongoose 8.9.5, the MongoDB ODM: 290 JavaScript and TypeScript declaration files',
  },
  {
    name: 'large',
    spec: 'antd@5.21.6',
    integrity: 'sha512-EviOde/VEu+OsIKH5t6YXTMmmNeg9R85m0W5zXAo+Np8Latg9q10691JvAqOTMpnrRmbdeKUQL1Krp69Bzbe/g==',
    description: 'antd 5.21.6, the React component library (its es/ and lib/ builds and typings; dist/ is skipped as build output): 3,658 files',
  },
];

export const corporaFolder = path.resolve(__dirname, '.corpora');

/** The unpacked package folder of a corpus, fetched and checked on first use. */
export function ensureCorpus(corpus: Corpus, log: (line: string) => void): string {
  const target = path.join(corporaFolder, corpus.spec.replace(/[@/]/g, '_'));
  const packageRoot = path.join(target, 'package');
  if (existsSync(path.join(packageRoot, 'package.json'))) return packageRoot;
  mkdirSync(corporaFolder, { recursive: true });
  log(`fetching ${corpus.spec} from the npm registry (npm pack) ...`);
  const tarballs = path.join(corporaFolder, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const output = execFileSync('npm', ['pack', corpus.spec, '--json', '--pack-destination', tarballs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [packed] = JSON.parse(output) as { filename: string }[];
  const tarball = path.join(tarballs, packed.filename);
  const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (actual !== corpus.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${corpus.spec}: the tarball's integrity is ${actual}, expected ${corpus.integrity}`);
  }
  const unpacking = `${target}.unpacking`;
  rmSync(unpacking, { recursive: true, force: true });
  mkdirSync(unpacking, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpacking]);
  rmSync(target, { recursive: true, force: true });
  renameSync(unpacking, target);
  return packageRoot;
}
