import * as vscode from 'vscode';
import { ruleDocsUri } from '../diagnostics/toDiagnostic';
import type { CommandServices } from './services';

/** Opens the rule's page (shipped in the extension) in the Markdown preview. */
export async function showRuleDocumentation(services: CommandServices, ruleId: unknown): Promise<void> {
  const engine = await services.engine();
  if (typeof ruleId !== 'string' || !engine.ruleIds.has(ruleId)) {
    void vscode.window.showWarningMessage(`Cloudward: there is no rule named ${String(ruleId)}.`);
    return;
  }
  const uri = ruleDocsUri(services.extensionUri, ruleId);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}
