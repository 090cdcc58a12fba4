import type { TrustMode } from '../support/protocol';

/** The test VS Code's user settings: quiet and offline; workspace trust off, or on for the restricted pass. */
export function userSettings(trust: TrustMode): Record<string, unknown> {
  return {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': 'off', // (not false: VS Code would migrate it by saving settings.json at startup)
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'typescript.disableAutomaticTypeAcquisition': true,
    'npm.fetchOnlinePackageInfo': false,
    'json.schemaDownload.enable': false,
    'git.enabled': false,
    'git.autofetch': false,
    'github.gitAuthentication': false,
    ...(trust === 'trusted'
      ? { 'security.workspace.trust.enabled': false }
      : {
          // Restricted mode without the modal "Do you trust the authors?" dialog: the folder just stays untrusted.
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.emptyWindow': false,
        }),
  };
}
