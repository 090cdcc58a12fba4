import * as path from 'node:path';
import type { GraphModel } from '../../../src/shared/graphModel';
import { repositoryRoot } from '../../support/workspace';

export const tsPathsFixture = path.join(repositoryRoot, 'test/fixtures/graph/ts-paths');

/** Import edges as `from -> to kind` lines (services left out), sorted: exact comparisons read well. */
export function importEdges(model: GraphModel): string[] {
  return model.edges
    .filter((edge) => edge.kind !== 'uses-service')
    .map((edge) => `${edge.from.replace(/^module:/, '')} -> ${edge.to.replace(/^module:/, '')} ${edge.kind}`)
    .sort();
}

/** The model without what legitimately differs between two builds of the same tree (timing, cache flag). */
export function comparable(model: GraphModel): Omit<GraphModel, 'stats'> & { stats: Omit<GraphModel['stats'], 'buildMs' | 'cached'> } {
  const { buildMs: _buildMs, cached: _cached, ...stats } = model.stats;
  return { ...model, stats };
}
