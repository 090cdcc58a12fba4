import type { AppFacts } from '../core/facts';
import { classifyFile } from '../core/fileRole';
import { createWorkspaceRule } from './support/createRule';
import { applicationRoot } from './support/app-level';

function provider(name: string): string {
  if (/^(aws-sdk|@aws-sdk\/|@aws-lambda-powertools\/|aws-xray-sdk|dynamoose)/.test(name)) return 'AWS';
  if (/^(@azure\/|azure-)/.test(name)) return 'Azure';
  if (/^firebase/.test(name)) return 'Firebase';
  return 'Google Cloud';
}

export default createWorkspaceRule(
  {
    id: 'cloud-sdk-import',
    category: 'cloud-lock-in',
    defaultSeverity: 'information',
    description: 'Runtime code imports a cloud provider\'s SDK (AWS, Google Cloud, Firebase, Azure): an inventory of the code to revisit when moving to another provider.',
    messages: {
      sdk: 'uses {{package}} ({{provider}} SDK): code to revisit when moving to another provider',
    },
    strategies: ['replatform', 'refactor'],
    effort: 0.5,
    fixable: false,
  },
  (context) => {
    const seen = new Set<string>();
    const files = context.files.filter(({ file }) => classifyFile(file) === 'runtime').sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const { file, facts } of files) {
      const sdks = (facts as AppFacts).cloudSdks ?? [];
      if (sdks.length === 0) continue;
      const app = applicationRoot(context.project, file);
      for (const sdk of sdks) {
        const key = `${app}\u0000${sdk.package}`;
        if (seen.has(key)) continue;
        seen.add(key);
        context.report({ file, range: sdk.range, messageId: 'sdk', data: { package: sdk.package, provider: provider(sdk.package) } });
      }
    }
  },
);
