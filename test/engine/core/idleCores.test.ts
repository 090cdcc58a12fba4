import * as assert from 'node:assert/strict';
import { availableParallelism, cpus, loadavg, type CpuInfo } from 'node:os';
import { coresFreeOfOthers, sampleLoad, startIdleMeter } from '../../../src/engine/core/idleCores';

/** Processors whose times (ms since boot) are `busy` and `idle` each; the other fields stay 0. */
function processors(...times: { busy: number; idle: number }[]): CpuInfo[] {
  return times.map(({ busy, idle }) => ({ model: 'test', speed: 0, times: { user: busy, nice: 0, sys: 0, idle, irq: 0 } }));
}

/** A reader that returns the given readings in turn, the last one for ever. */
function readings(...sequence: CpuInfo[][]): () => CpuInfo[] {
  let next = 0;
  return () => sequence[Math.min(next++, sequence.length - 1)];
}

describe('idle cores while a scan runs (unit)', () => {
  it('counts the idle share of the processors since the meter started, in cores', () => {
    const meter = startIdleMeter(
      readings(
        processors({ busy: 5000, idle: 9000 }, { busy: 7000, idle: 1000 }),
        // 200 ms on each: the first stood idle through them, the second was busy but 50 ms.
        processors({ busy: 5000, idle: 9200 }, { busy: 7150, idle: 1050 }),
      ),
      2,
    );
    assert.equal(meter.idleCores(), 1.25);
  });

  it('reads a busy machine as no idle core, whatever it did before the meter started', () => {
    const meter = startIdleMeter(readings(processors({ busy: 10, idle: 90_000 }, { busy: 10, idle: 90_000 }), processors({ busy: 310, idle: 90_000 }, { busy: 310, idle: 90_000 })), 2);
    assert.equal(meter.idleCores(), 0);
  });

  it('never counts more idle cores than the process may use (a container held to 2 of 8 processors)', () => {
    const idleEight = (idle: number) => processors(...Array.from({ length: 8 }, () => ({ busy: 100, idle })));
    const meter = startIdleMeter(readings(idleEight(1000), idleEight(1500)), 2);
    assert.equal(meter.idleCores(), 2);
  });

  it('falls back to the load average when the processors cannot be read', () => {
    const cores = 1000;
    const meter = startIdleMeter(() => [], cores);
    const expected = cores - loadavg()[0];
    // The load average is refreshed every few seconds: it may move between the two readings, by little.
    assert.ok(Math.abs(meter.idleCores() - expected) < 1, `${meter.idleCores()} against ${expected}`);
  });

  it('sees this thread busy on the real processors: at least one core is not idle', () => {
    const meter = startIdleMeter();
    const until = performance.now() + 300;
    let spins = 0;
    while (performance.now() < until) spins++;
    const idle = meter.idleCores();
    assert.ok(spins > 0);
    assert.ok(idle >= 0 && idle <= availableParallelism() - 0.5, `${idle} idle cores of ${availableParallelism()} while this thread spun for 300 ms`);
  });
});

describe('cores other processes left free, over a window in which this process worked too (unit)', () => {
  /** This process's CPU time: `ms` in all, split between user and system time as the kernel reports them (µs). */
  const ownCpu = (ms: number) => () => ({ user: ms * 600, system: ms * 400 });
  const sample = (cpus: CpuInfo[], ownMs: number, at: number) => sampleLoad(() => cpus, ownCpu(ownMs), at);

  it("counts this process's own CPU time as free: its scan and workers kept both cores busy, nothing else ran", () => {
    const since = sample(processors({ busy: 1000, idle: 5000 }, { busy: 1000, idle: 5000 }), 200, 10_000);
    const now = sample(processors({ busy: 1500, idle: 5000 }, { busy: 1500, idle: 5000 }), 1200, 10_500);
    assert.equal(coresFreeOfOthers(since, now, 2), 2);
  });

  it('counts what another process used as taken: one core busy with it, the other with this process', () => {
    const since = sample(processors({ busy: 1000, idle: 5000 }, { busy: 1000, idle: 5000 }), 200, 10_000);
    const now = sample(processors({ busy: 1500, idle: 5000 }, { busy: 1500, idle: 5000 }), 700, 10_500);
    assert.equal(coresFreeOfOthers(since, now, 2), 1);
  });

  it('adds the idle time: half a core idle, a quarter used by this process', () => {
    const since = sample(processors({ busy: 0, idle: 0 }, { busy: 0, idle: 0 }), 0, 0);
    const now = sample(processors({ busy: 400, idle: 0 }, { busy: 200, idle: 200 }), 100, 400);
    assert.equal(coresFreeOfOthers(since, now, 2), 0.75);
  });

  it('tells nothing over a window too short for the 10 ms ticks of the times, or too old to speak for now', () => {
    const idle = (ms: number) => processors({ busy: 0, idle: ms }, { busy: 0, idle: ms });
    assert.equal(coresFreeOfOthers(sample(idle(0), 0, 1000), sample(idle(50), 0, 1050), 2), undefined);
    assert.equal(coresFreeOfOthers(sample(idle(0), 0, 1000), sample(idle(60_000), 0, 61_000), 2), undefined);
    assert.equal(coresFreeOfOthers(sample(idle(0), 0, 1000), sample(idle(1000), 0, 2000), 2), 2);
  });

  it('tells nothing when the processors cannot be read, or their number changed', () => {
    assert.equal(coresFreeOfOthers(sampleLoad(() => [], ownCpu(0), 0), sampleLoad(() => [], ownCpu(0), 500), 2), undefined);
    assert.equal(coresFreeOfOthers(sample(processors({ busy: 0, idle: 0 }), 0, 0), sample(processors({ busy: 0, idle: 500 }, { busy: 0, idle: 500 }), 0, 500), 2), undefined);
  });

  it("on the real processors, this thread's spinning is its own: the core it took counts as free, not as idle", () => {
    // Counted over every processor: a process held to fewer (a container) would have both figures capped alike.
    const processorCount = cpus().length;
    const meter = startIdleMeter(cpus, processorCount);
    const since = sampleLoad();
    const until = performance.now() + 300;
    while (performance.now() < until);
    const idle = meter.idleCores();
    const free = coresFreeOfOthers(since, sampleLoad(), processorCount);
    assert.ok(free !== undefined && free <= processorCount, `${free} of ${processorCount} processors`);
    // Its own core, less what a busy machine took of it and the 10 ms ticks of the processors' times.
    assert.ok(free - idle >= 0.25, `free of others ${free}, idle ${idle}, while this thread spun for 300 ms`);
  });
});
