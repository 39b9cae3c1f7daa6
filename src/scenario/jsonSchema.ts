import { z } from 'zod';
import { scenarioSchema } from './schema';
import { distributionSchema } from './distribution';
import { policySchema, ROUTE_TIMEOUT_TEXT } from './policy';

/**
 * The JSON Schema of a scenario file as written (zod's input side), for editors: a file that
 * says `"$schema": "./schema.json"` (or, in YAML, `# yaml-language-server: $schema=./schema.json`)
 * gets its field names completed and its shape checked as it is typed. `npm run schema`
 * writes it to scenarios/schema.json, and a test keeps that file equal to this.
 *
 * It is looser than the zod schema, which stays the authority: checks across fields (a uniform
 * distribution's max at least its min, a backoff's max at least its base), names that must
 * resolve, and the limits on size are meshsim's own, reported with `path: message`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const defs = z.registry<{ id?: string; title?: string; description?: string }>();
  defs.add(distributionSchema, { id: 'distribution', description: DISTRIBUTION });
  defs.add(policySchema, { id: 'policy', description: 'What a meshed caller applies on a route (Envoy and Istio names): timeout, retries, load balancer, circuit breaker, outlier detection, fault injection.' });
  defs.add(policySchema.shape.timeout, { description: ROUTE_TIMEOUT_TEXT });
  const json = z.toJSONSchema(scenarioSchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: defs,
    override: ({ zodSchema, jsonSchema }) => {
      // zod sees `{}` (any value) on a duration's input side: point at what parseDuration takes,
      // keeping a field's own description (a policy's timeout says what 0 means).
      if (isDuration(zodSchema)) {
        const j = jsonSchema as Record<string, unknown>;
        for (const k of Object.keys(j)) if (k !== 'default' && k !== 'description') delete j[k];
        j.$ref = '#/$defs/duration';
      }
    },
  }) as Record<string, unknown>;
  const { $schema, $defs, ...rest } = json;
  return {
    $schema,
    title: 'meshsim scenario',
    description: 'A meshsim scenario: clients, services, gateways, meshes, faults and a narrative. Unknown fields are errors. See the README, "Scenario files".',
    ...rest,
    $defs: { duration: DURATION_JSON, ...($defs as object) },
  };
}

const DISTRIBUTION = 'A distribution of durations: an object with a `type` (constant, uniform, exponential, normal, lognormal, pareto), or a bare duration meaning a constant.';

/**
 * The text form of a duration, as src/scenario/duration.ts reads it: a number with a unit
 * (us, µs, ms, s, m, h). A test checks this agrees with `parseDuration`.
 */
export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*(us|µs|ms|s|m|h)\\s*$';

const DURATION_JSON = {
  description: 'A duration: "250ms", "5s", "2m", "1h", "80us", or a bare number of milliseconds.',
  anyOf: [
    { type: 'string', pattern: DURATION_PATTERN },
    { type: 'number', minimum: 0 },
  ],
};

/**
 * A duration field: a transform from any value (`z.unknown()`, read by parseDuration), or the
 * bare duration a distribution also takes (a string or a number, transformed). Their input
 * side is unconstrained to zod, so the JSON Schema says what parseDuration accepts instead.
 */
function isDuration(schema: z.core.$ZodType): boolean {
  const def = schema._zod.def as { type: string; in?: z.core.$ZodType; out?: z.core.$ZodType };
  if (def.type !== 'pipe' || !def.in || def.out?._zod.def.type !== 'transform') return false;
  const input = def.in._zod.def as { type: string; options?: z.core.$ZodType[] };
  if (input.type === 'unknown') return true;
  const types = input.options?.map((o) => o._zod.def.type).sort();
  return input.type === 'union' && types?.join() === 'number,string';
}

/** scenarios/schema.json's exact text: the schema, two-space indented, with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
