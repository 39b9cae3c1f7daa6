export { distributionSchema } from './distribution';
export { scenarioSchema, type Scenario, type ScenarioInput, type ServiceSpec, type ClientSpec, type CallSpec, type SidecarSpec, type CertificateSpec, type PlacementSpec, type MeshSpec, type FaultSpec, type FaultInput, type GatewaySpec, type GatewayRouteSpec } from './schema';
export { policySchema, type Policy, type PolicyInput, type RetryPolicy, type CircuitBreaker, type OutlierDetection, type Fault } from './policy';
export { parseScenarioText, validateScenario, formatProblems, type Problem, type ParseResult, type ValidateOptions } from './parse';
export { readScenarioText, readScenarioFile, scenarioFormat, formatOfFile, type ScenarioFormat } from './read';
export { parseDuration, formatDuration } from './duration';
export { meshSchema } from './mesh';
export { IMPLICIT_MESH, MAX_REQUESTS, anySidecar, expectedRequests } from './references';
