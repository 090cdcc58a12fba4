import type { CommandServices } from './services';
import { scanWithProgress } from './assessWorkspace';

/** Re-runs the background scan and refreshes every file's diagnostics; returns the number of findings. */
export async function rescanWorkspace(services: CommandServices): Promise<number | undefined> {
  const reports = await scanWithProgress(services, 'Cloudward: rescanning the workspace');
  return reports?.reduce((sum, report) => sum + report.result.findings.length, 0);
}
