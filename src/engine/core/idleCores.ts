import { availableParallelism, cpus, loadavg, type CpuInfo } from 'node:os';

/** Time every processor has spent idle and in all, since boot (ms). */
interface ProcessorTimes {
  idle: number;
  total: number;
  processors: number;
}

function processorTimes(readCpus: () => CpuInfo[]): ProcessorTimes | undefined {
  const processors = readCpus();
  if (processors.length === 0) return undefined;
  let idle = 0;
  let total = 0;
  for (const { times } of processors) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total, processors: processors.length };
}

export interface IdleMeter {
  /** Cores that stood idle since the meter started, on average (0 to the cores this process may use). */
  idleCores(): number;
}

/**
 * Measures how many cores stand idle while a scan runs, to tell whether a worker thread would have one to itself.
 * The one-minute load average cannot tell: it trails the machine by a minute, and counts the scan's own thread and
 * the scans just before (a bench, an editor rescanning on save), so a scan on an idle two-core machine saw a load of
 * 1.3 to 2.7 and kept its worker out. Where the processors' times cannot be read, the load average stands in.
 */
export function startIdleMeter(readCpus: () => CpuInfo[] = cpus, cores: number = availableParallelism()): IdleMeter {
  const start = processorTimes(readCpus);
  return {
    idleCores() {
      const now = start && processorTimes(readCpus);
      if (!start || !now || now.processors !== start.processors || now.total <= start.total) return Math.max(0, cores - loadavg()[0]);
      // A process held to some of the machine's processors (a container's cpuset) sees all of them here: their idle
      // share counts for the cores it may use, never more.
      const idleShare = (now.idle - start.idle) / (now.total - start.total);
      return Math.min(cores, idleShare * now.processors);
    },
  };
}
