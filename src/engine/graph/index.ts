export { buildGraph, GraphSession, type GraphOptions } from './session';
export { formatGraphDot } from './dot';
export { loadDependencyCruiser } from './cruiser';
