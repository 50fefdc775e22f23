/** Node-only entry (`@tessera/client/node`): what browsers must not import. */
export { createNodeFetch, type NodeFetchOptions } from './node-fetch';
