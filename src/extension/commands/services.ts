import type * as vscode from 'vscode';

/** What commands share: created once in activate. */
export interface CommandServices {
  output: vscode.OutputChannel;
}
