import * as assert from 'node:assert/strict';
import { availableParallelism, loadavg, type CpuInfo } from 'node:os';
import { startIdleMeter } from '../../../src/engine/core/idleCores';

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
