/**
 * Kubernetes and Istio YAML into a scenario (issue 15). Pure: no file system, so the CLI
 * (`npm run sim -- import`) and the app (a dropped folder of manifests) share it.
 */
export { importManifests, looksLikeManifests } from './importManifests';
export { formatImportMessage, groupedImportMessages, IMPORTED_KINDS, type ImportResult, type ImportMessage, type ManifestFile, type SourceRef, type Resource, type ResourceBase, type NamespaceResource, type WorkloadResource, type ServiceResource, type ServicePort, type VirtualServiceResource, type HttpRoute, type HttpMatch, type HttpDestination, type HttpRetries, type HttpFault, type DestinationRuleResource, type SubsetResource, type TrafficPolicy, type TlsMode, type PeerAuthenticationResource, type PeerAuthMode, type GatewayResource, type ServiceEntryResource } from './types';
export { formatPath } from './documents';
export { flatten, routePolicy, trafficPolicy } from './policy';
export { hostKey } from './cluster';
export { DEFAULT_SERVICE_TIME, DEFAULT_RATE } from './build';
export { scenarioYaml } from './yamlOut';
