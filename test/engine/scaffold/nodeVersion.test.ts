import * as assert from 'node:assert/strict';
import { chooseNodeVersion, parseRange, type BaseImageTable } from '../../../src/engine/scaffold/nodeVersion';
import { satisfies } from '../../../src/engine/scaffold/nodeVersion';
import { loadTemplates } from '../../../src/engine/scaffold/templates';

const TABLE: BaseImageTable = {
  image: 'node',
  variant: 'bookworm-slim',
  defaultMajor: 22,
  lines: [
    { major: 18, tag: '18.20', endOfLife: '2025-04-30' },
    { major: 20, tag: '20.20', endOfLife: '2026-04-30' },
    { major: 22, tag: '22.22', endOfLife: '2027-04-30' },
    { major: 24, tag: '24.13', endOfLife: '2028-04-30' },
  ],
};

function choose(value: string, source = 'engines.node') {
  return chooseNodeVersion([{ source, value }], TABLE, '2026-06-01');
}

describe('Dockerfile scaffold: Node.js version (unit)', () => {
  it('reads node-semver ranges', () => {
    const cases: [string, string, boolean][] = [
      ['>=20.12', '22.0.0', true],
      ['>=20.12', '20.11.9', false],
      ['^20.12.0', '20.19.1', true],
      ['^20.12.0', '21.0.0', false],
      ['~20.11.1', '20.11.5', true],
      ['~20.11.1', '20.12.0', false],
      ['20.x', '20.99.0', true],
      ['18 || 20', '20.1.0', true],
      ['18 || 20', '22.1.0', false],
      ['>=18 <21', '20.0.0', true],
      ['>= 18 < 21', '21.0.0', false],
      ['16 - 18', '18.20.8', true],
      ['16 - 18', '19.0.0', false],
      ['>18', '18.9.0', false],
      ['<=20', '20.5.0', true],
      ['*', '4.0.0', true],
    ];
    for (const [range, version, expected] of cases) {
      const parsed = parseRange(range);
      assert.ok(parsed, range);
      assert.equal(satisfies(version.split('.').map(Number) as [number, number, number], parsed), expected, `${version} in ${range}`);
    }
    assert.equal(parseRange('>=banana'), undefined);
  });

  it('picks the default LTS when the range allows it, else the nearest maintained line', () => {
    assert.deepEqual(
      [choose('>=14'), choose('^20 || ^22'), choose('>=24'), choose('20.x'), choose('<21'), choose('^18.17')].map((choice) => choice.image),
      ['node:22.22-bookworm-slim', 'node:22.22-bookworm-slim', 'node:24.13-bookworm-slim', 'node:20.20-bookworm-slim', 'node:20.20-bookworm-slim', 'node:18.20-bookworm-slim'],
    );
    assert.equal(choose('>=20').source, 'engines.node ">=20"');
    assert.deepEqual(choose('^18.17').notes, ['Node.js 18 reached its end of life on 2025-04-30: it gets no security fixes; move to 22']);
  });

  it('a range that only an unlisted release satisfies uses the version it names', () => {
    assert.equal(choose('~20.11.1').image, 'node:20.11-bookworm-slim');
    assert.equal(choose('>=26').image, 'node:26-bookworm-slim');
  });

  it('a version file pins major.minor; aliases and unknown values fall back sensibly', () => {
    assert.equal(choose('v20.11.1', '.nvmrc').image, 'node:20.11-bookworm-slim');
    assert.equal(choose('22', '.node-version').image, 'node:22.22-bookworm-slim');
    assert.equal(choose('lts/iron', '.nvmrc').image, 'node:20.20-bookworm-slim');
    assert.equal(choose('lts/*', '.nvmrc').image, 'node:22.22-bookworm-slim');
    const newest = choose('node', '.nvmrc');
    assert.equal(newest.image, 'node:22.22-bookworm-slim');
    assert.deepEqual(newest.notes, ['.nvmrc asks for the newest Node.js (node); the image pins the LTS line instead']);
    assert.equal(choose('21.7.3', '.nvmrc').notes[0], 'Node.js 21 is not a long-term support line: prefer an even-numbered LTS release for production');
    const nothing = chooseNodeVersion([], TABLE);
    assert.deepEqual({ image: nothing.image, source: nothing.source }, { image: 'node:22.22-bookworm-slim', source: 'default: LTS 22' });
    const unreadable = choose('>=banana');
    assert.equal(unreadable.image, 'node:22.22-bookworm-slim');
    assert.deepEqual(unreadable.notes, ['engines.node ">=banana" is not a version range Cloudward reads; it was ignored']);
  });

  it('the shipped base image table is consistent', async () => {
    const { baseImages } = await loadTemplates();
    assert.equal(baseImages.image, 'node');
    assert.ok(baseImages.lines.some((line) => line.major === baseImages.defaultMajor));
    for (const line of baseImages.lines) assert.match(line.tag, new RegExp(`^${line.major}\\.\\d+$`));
  });
});
