import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { allRules, analyzeWorkspace, nodeFileSystem, type AnalysisResult } from '../../../src/engine';
import { FINGERPRINT_KEY, relativeUri, toSarif } from '../../../src/engine/report/sarif';
import { legacyShop, repositoryRoot } from '../../support/workspace';

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it in @microsoft/jest-sarif (2.1.0-rtm.5, the
 * schema published for SARIF 2.1.0; JSON Schema draft-04, like the OASIS file), validated with ajv's draft-04 class.
 */
const schemaPath = path.join(repositoryRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { title: string };
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  // The schema's language pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is valid only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const tool = { name: 'cloudward', version: '1.2.3' };

type Sarif = {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; properties: { category: string; effort: number } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints?: Record<string, string>;
      fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[] }[] }[];
      properties: { category: string; effort: number };
    }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    properties: Record<string, unknown>;
  }[];
};

describe('SARIF 2.1.0 report (unit)', () => {
  const validate = validator();
  let legacy: AnalysisResult;
  before(async () => {
    legacy = await analyzeWorkspace(legacyShop, { fs: nodeFileSystem });
  });

  for (const [name, root] of [
    ['examples/legacy-shop', legacyShop],
    ['cloud-ready-api', path.join(repositoryRoot, 'test/fixtures/workspaces/cloud-ready-api')],
    ['express3-orders (skipped files)', path.join(repositoryRoot, 'test/fixtures/workspaces/express3-orders')],
    ['koa-inventory-ts', path.join(repositoryRoot, 'test/fixtures/workspaces/koa-inventory-ts')],
  ] as const) {
    it(`validates against the official schema: ${name}`, async () => {
      const result = await analyzeWorkspace(root, { fs: nodeFileSystem });
      const sarif = toSarif(result, tool);
      const valid = validate(sarif);
      assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    });
  }

  it('describes every registered rule once, with helpUri to its doc page and category/effort in properties', () => {
    const sarif = toSarif(legacy, tool) as unknown as Sarif;
    const rules = sarif.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((rule) => rule.id), allRules.map((rule) => rule.meta.id).sort());
    const port = rules.find((rule) => rule.id === 'listen-fixed-port')!;
    assert.equal(port.helpUri, 'https://github.com/cloudward/cloudward/blob/main/docs/rules/listen-fixed-port.md');
    assert.deepEqual({ category: port.properties.category, effort: port.properties.effort }, { category: 'fixed-port', effort: 0.5 });
    const mirrored = toSarif(legacy, tool, { docsBaseUrl: 'https://docs.example.com/cloudward/v1' }) as unknown as Sarif;
    assert.equal(mirrored.runs[0].tool.driver.rules.find((rule) => rule.id === 'listen-fixed-port')!.helpUri, 'https://docs.example.com/cloudward/v1/docs/rules/listen-fixed-port.md');
  });

  it('results carry rule ids and indexes, relative locations, unique fingerprints, fixes and properties', () => {
    const sarif = toSarif(legacy, tool) as unknown as Sarif;
    const run = sarif.runs[0];
    assert.equal(run.results.length, legacy.findings.length);
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, `file://${legacyShop}/`);
    for (const [index, item] of run.results.entries()) {
      const finding = legacy.findings[index];
      assert.equal(item.ruleId, finding.ruleId);
      assert.equal(run.tool.driver.rules[item.ruleIndex].id, finding.ruleId);
      assert.deepEqual(item.locations[0].physicalLocation.artifactLocation, { uri: finding.file, uriBaseId: 'SRCROOT' });
      assert.deepEqual([item.locations[0].physicalLocation.region.startLine, item.locations[0].physicalLocation.region.startColumn], [finding.line, finding.column]);
      assert.equal(item.partialFingerprints?.[FINGERPRINT_KEY], finding.fingerprint);
      assert.deepEqual({ category: item.properties.category, effort: item.properties.effort }, { category: finding.category, effort: finding.effort });
    }
    assert.equal(new Set(run.results.map((item) => item.partialFingerprints?.[FINGERPRINT_KEY])).size, run.results.length);
    const port = run.results.find((item) => item.ruleId === 'listen-fixed-port')!;
    assert.equal(port.level, 'warning');
    const [fix] = port.fixes!;
    const [change] = fix.artifactChanges;
    assert.equal(change.artifactLocation.uri, 'server.js');
    const text = readFileSync(path.join(legacyShop, 'server.js'), 'utf8');
    const [replacement] = change.replacements;
    assert.equal(text.slice(replacement.deletedRegion.charOffset, replacement.deletedRegion.charOffset + replacement.deletedRegion.charLength), '3000');
    assert.equal(replacement.insertedContent.text, 'Number(process.env.PORT ?? 3000)');
    assert.ok(run.results.filter((item) => item.ruleId !== 'listen-fixed-port' && item.ruleId !== 'hardcoded-service-url').every((item) => !item.fixes || item.fixes.length > 0));
    assert.equal(typeof run.properties.readinessScore, 'number');
    assert.ok(['replatform', 'refactor'].includes(run.properties.strategy as string));
  });

  it('encodes file names as relative URI references', () => {
    assert.equal(relativeUri('src/my file#1.ts'), 'src/my%20file%231.ts');
    const result: AnalysisResult = {
      root: '/tmp/odd root',
      files: 1,
      parsed: 1,
      skipped: [{ file: 'big bundle.js', reason: 'minified' }],
      durationMs: 1,
      findings: [
        {
          ruleId: 'made-up-rule',
          category: 'os-coupling',
          severity: 'information',
          message: 'made up',
          file: 'src/my file.ts',
          range: [0, 4],
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 5,
          strategies: [],
          effort: 1,
          related: [{ file: 'src/other.ts', line: 2, column: 1, endLine: 2, endColumn: 3, message: 'see here' }],
          fixes: [{ title: 'Edit two files', edits: [{ range: [0, 4], text: 'x' }, { file: 'src/other.ts', range: [1, 2], text: 'y' }] }],
        },
      ],
    };
    const sarif = toSarif(result, tool);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const run = (sarif as unknown as Sarif).runs[0];
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'src/my%20file.ts');
    assert.equal(run.results[0].level, 'note');
    assert.equal(run.results[0].partialFingerprints, undefined, 'no fingerprint is made up for hand-built results');
    assert.deepEqual(run.results[0].fixes![0].artifactChanges.map((change) => change.artifactLocation.uri), ['src/my%20file.ts', 'src/other.ts']);
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, 'file:///tmp/odd%20root/');
  });

  it('rejects what is not SARIF (the validator is really checking)', () => {
    const sarif = toSarif(legacy, tool) as unknown as Sarif;
    const broken = JSON.parse(JSON.stringify(sarif)) as Sarif;
    (broken.runs[0].results[0] as unknown as Record<string, unknown>).level = 'fatal';
    assert.equal(validate(broken), false);
    assert.equal(validate({ ...sarif, version: '2.0.0' }), false);
  });
});
