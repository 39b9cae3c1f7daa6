export { scenarioSchema, distributionSchema, type Scenario, type ScenarioInput, type ServiceSpec, type ClientSpec, type CallSpec } from './schema';
export { parseScenarioText, validateScenario, formatProblems, type Problem, type ParseResult } from './parse';
export { parseDuration, formatDuration } from './duration';
