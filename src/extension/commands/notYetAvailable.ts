import * as vscode from 'vscode';

/** Commands whose feature is still being built say so plainly instead of failing silently. */
export function notYetAvailable(feature: string): () => Promise<undefined> {
  return async () => {
    void vscode.window.showInformationMessage(`Cloudward: ${feature} is not available in this version yet. Assess Workspace and Export Report are.`);
    return undefined;
  };
}
