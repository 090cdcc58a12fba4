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

/** The processors' times and this process's CPU time (all its threads) at one moment. */
export interface LoadSample {
  /** performance.now() when taken. */
  at: number;
  processors: ProcessorTimes | undefined;
  ownCpuMs: number;
}

export function sampleLoad(readCpus: () => CpuInfo[] = cpus, readOwnCpu: () => NodeJS.CpuUsage = process.cpuUsage, now: number = performance.now()): LoadSample {
  const own = readOwnCpu();
  return { at: now, processors: processorTimes(readCpus), ownCpuMs: (own.user + own.system) / 1000 };
}

/**
 * Shortest window that tells: the processors' times advance in ticks of 10 ms, so a shorter window is mostly rounding.
 * Longest: an average over minutes would hide a build started a moment ago.
 */
const FREE_CORES_WINDOW_MS = { shortest: 100, longest: 10_000 };

/**
 * Cores no other process used between two samples, on average: idle ones and the ones this process used. Unlike the
 * idle share, it can be read over a window in which this process's own threads worked (a scan and its workers), so
 * a scan can tell at its first file, from the window since the scan before, whether a worker would have a core to
 * itself. Undefined when the window is too short or too old to tell, or the processors' times cannot be read.
 */
export function coresFreeOfOthers(since: LoadSample, now: LoadSample, cores: number = availableParallelism()): number | undefined {
  const window = now.at - since.at;
  if (window < FREE_CORES_WINDOW_MS.shortest || window > FREE_CORES_WINDOW_MS.longest) return undefined;
  const before = since.processors;
  const after = now.processors;
  if (!before || !after || after.processors !== before.processors || after.total <= before.total) return undefined;
  const freeShare = (after.idle - before.idle + (now.ownCpuMs - since.ownCpuMs)) / (after.total - before.total);
  return Math.max(0, Math.min(cores, freeShare * after.processors));
}
