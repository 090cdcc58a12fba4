import * as vscode from 'vscode';
import { assessWorkspace } from './assessWorkspace';
import type { CommandServices } from './services';

/** Every command is registered here, one file each. */
export function registerCommands(services: CommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cloudward.assessWorkspace', () => assessWorkspace(services)),
    vscode.commands.registerCommand('cloudward.showOutput', () => services.output.show(true)),
  ];
}
