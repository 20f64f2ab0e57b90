export { ReadModelQueries, QUERY_PROJECTIONS, type QueryFeature } from './read-model-queries';
export { encodeCursor, decodeCursor, isCursor } from './cursor';
export { prefixQuery } from './sessions/list-sessions';
