import * as vscode from 'vscode';
import { addDockerfile, type OverwritePolicy } from './addDockerfile';
import { assessWorkspace } from './assessWorkspace';
import { exportReport } from './exportReport';
import { rescanWorkspace } from './rescanWorkspace';
import type { CommandServices } from './services';
import { showDependencyGraph } from './showDependencyGraph';
import { showRuleDocumentation } from './showRuleDocumentation';

/** Every command is registered here, one file each. */
export function registerCommands(services: CommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cloudward.assessWorkspace', () => assessWorkspace(services)),
    vscode.commands.registerCommand('cloudward.rescanWorkspace', () => rescanWorkspace(services)),
    vscode.commands.registerCommand('cloudward.exportReport', (format?: unknown, target?: unknown) =>
      exportReport(services, typeof format === 'string' ? (format as never) : undefined, target instanceof vscode.Uri ? target : undefined),
    ),
    vscode.commands.registerCommand('cloudward.showOutput', () => services.output.show(true)),
    vscode.commands.registerCommand('cloudward.showDependencyGraph', (target?: unknown) => showDependencyGraph(services, target instanceof vscode.Uri ? target : undefined)),
    vscode.commands.registerCommand('cloudward.addDockerfile', (folder?: unknown, policy?: unknown) =>
      addDockerfile(services, folder instanceof vscode.Uri ? folder : undefined, typeof policy === 'string' ? (policy as OverwritePolicy) : undefined),
    ),
    vscode.commands.registerCommand('cloudward.showRuleDocumentation', (ruleId: unknown) => showRuleDocumentation(services, ruleId)),
  ];
}
