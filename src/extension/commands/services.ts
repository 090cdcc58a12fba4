import type * as vscode from 'vscode';
import type { AnalysisController } from '../diagnostics/analysisController';
import type { EngineModule } from '../host/engineLoader';

/** What commands share: created once in activate. */
export interface CommandServices {
  output: vscode.OutputChannel;
  controller: AnalysisController;
  engine: () => Promise<EngineModule>;
  extensionUri: vscode.Uri;
}
