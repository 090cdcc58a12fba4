import type { FileRole } from '../types';

const TEST_FOLDER = /(^|\/)(test|tests|__tests__|__mocks__|spec|specs|e2e|cypress|fixtures)\//;
const TEST_FILE = /\.(test|spec|e2e|cy)\.[cm]?[jt]sx?$/;
const BUILD_FOLDER = /(^|\/)(scripts|tools|build-scripts)\//;
const BUILD_FILE =
  /(^|\/)(webpack|rollup|vite|vitest|jest|karma|babel|eslint|prettier|postcss|tailwind|next|nuxt|svelte|tsup|esbuild|gulpfile|gruntfile|playwright|cypress|commitlint|lint-staged|stylelint)(\.[\w-]+)*\.[cm]?[jt]s$|\.config\.[cm]?[jt]s$|(^|\/)\.[\w-]+rc\.[cm]?js$/i;

/** `.d.ts`, `.d.mts`, `.d.cts`, and declarations of other files' types (`styles.d.css.ts`). */
const DECLARATION_FILE = /\.d(\.[\w-]+)?\.[cm]?ts$/;

/** Tests and build tooling never run in the deployed container, so most rules do not judge them; declarations never run at all. */
export function classifyFile(relativePath: string): FileRole {
  if (DECLARATION_FILE.test(relativePath)) return 'declaration';
  if (TEST_FOLDER.test(relativePath) || TEST_FILE.test(relativePath)) return 'test';
  if (BUILD_FOLDER.test(relativePath) || BUILD_FILE.test(relativePath)) return 'build';
  return 'runtime';
}
