import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildGraph, nodeFileSystem } from '../../../src/engine';
import { repositoryRoot, temporaryWorkspace } from '../../support/workspace';
import { importEdges } from './support';

const trustedConfigFixture = path.join(repositoryRoot, 'test/fixtures/graph/trusted-config');

describe('dependency graph: restricted mode (unit)', function () {
  this.timeout(120_000);
  let previousMarker: string | undefined;
  let marker: { root: string; dispose(): void };
  let markerFile: string;

  beforeEach(() => {
    previousMarker = process.env.CLOUDWARD_GRAPH_MARKER;
    marker = temporaryWorkspace();
    markerFile = path.join(marker.root, 'ran.txt');
    process.env.CLOUDWARD_GRAPH_MARKER = markerFile;
  });
  afterEach(() => {
    if (previousMarker === undefined) delete process.env.CLOUDWARD_GRAPH_MARKER;
    else process.env.CLOUDWARD_GRAPH_MARKER = previousMarker;
    marker.dispose();
  });

  it('never runs the workspace dependency-cruiser or webpack config unless told the workspace is trusted', async () => {
    // A fresh copy each time: a module loaded once stays cached in this process and would not run again.
    const workspace = temporaryWorkspace({}, trustedConfigFixture);
    try {
      const model = await buildGraph(workspace.root, { fs: nodeFileSystem });
      assert.ok(!existsSync(markerFile), 'no workspace config ran');
      // The configs are workspace files like any other: read and drawn, never executed.
      assert.ok(model.modules.some((module) => module.file === '.dependency-cruiser.js'));
      // Without the webpack alias, `~/util/greet` is no file of the workspace.
      assert.ok(!importEdges(model).includes('src/index.js -> src/util/greet.js import'));
    } finally {
      workspace.dispose();
    }
  });

  it('with trusted: true loads them, and their resolve aliases apply', async () => {
    const workspace = temporaryWorkspace({}, trustedConfigFixture);
    try {
      const model = await buildGraph(workspace.root, { fs: nodeFileSystem, trusted: true });
      assert.equal(readFileSync(markerFile, 'utf8'), 'dependency-cruiser config\nwebpack config\n');
      assert.ok(importEdges(model).includes('src/index.js -> src/util/greet.js import'));
    } finally {
      workspace.dispose();
    }
  });
});
