export { buildGraph, changeAffectsGraph, GraphSession, type GraphOptions } from './session';
export { formatGraphDot } from './dot';
export { loadDependencyCruiser } from './cruiser';
