import { ruleDocsPath } from '../rules/support/createRule';

/**
 * Where rule documentation is published: `<base>docs/rules/<rule-id>.md`, the same relative path the JSON
 * report's `docs` field and the VSIX use. The base is configurable (`--docs-base-url`, the
 * CLOUDWARD_DOCS_BASE_URL environment variable in the CLI) for forks and mirrors.
 */
export const DEFAULT_DOCS_BASE_URL = 'https://github.com/cloudward/cloudward/blob/main/';

export interface ReportOptions {
  /** Absolute URL the rule doc paths are resolved against; must end with '/'. */
  docsBaseUrl?: string;
}

export function docsBaseUrl(options: ReportOptions = {}): string {
  const base = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  return base.endsWith('/') ? base : `${base}/`;
}

export function ruleDocsUrl(ruleId: string, options: ReportOptions = {}): string {
  return new URL(ruleDocsPath(ruleId), docsBaseUrl(options)).href;
}
