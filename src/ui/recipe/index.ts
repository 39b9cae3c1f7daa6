export type { LinkState, Recipe, ScenarioRef } from './types';
export { formatBytes, pack, packedBytes, unpack } from './codec';
export { LINK_PARAMS, MAX_ACTIONS, MAX_DATA_BYTES, MAX_FAULTS_BYTES, decodeLink, encodeLink, linkParams, formatT, packActions, packScenario, type DecodedLink, type LinkContext } from './url';
