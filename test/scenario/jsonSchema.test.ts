import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseDuration, validateScenario } from '../../src/scenario';
import { DURATION_PATTERN, scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/jsonSchema';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const committed = readFileSync(`${dir}schema.json`, 'utf8');
const shipped = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json');

// ajv in strict mode: a keyword it does not know, or a schema it finds ambiguous, is an error.
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(committed));

/** ajv's verdict on a scenario as plain data: its errors as "path message" lines, [] when valid. */
function jsonSchemaErrors(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function tiny(): Record<string, any> {
  return {
    $schema: './schema.json',
    name: 'tiny',
    duration: '2s',
    clients: [{ name: 'users', type: 'open', rate: 50, target: 'api' }],
    services: [{ name: 'api', serviceTime: 1.5 }],
  };
}

describe('scenarios/schema.json, the published JSON Schema', () => {
  it('is what the zod schema generates now (after a schema change, run `npm run schema`)', () => {
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('is referenced by every shipped scenario as "$schema": "./schema.json", as its first field', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(16);
    for (const f of shipped) expect(Object.keys(JSON.parse(readFileSync(`${dir}${f}`, 'utf8')))[0], f).toBe('$schema');
    for (const f of shipped) expect(JSON.parse(readFileSync(`${dir}${f}`, 'utf8')).$schema, f).toBe('./schema.json');
  });

  it('accepts every shipped scenario, which meshsim accepts too', () => {
    for (const f of shipped) {
      const data: unknown = JSON.parse(readFileSync(`${dir}${f}`, 'utf8'));
      expect(jsonSchemaErrors(data), f).toEqual([]);
      expect(validateScenario(data).ok, f).toBe(true);
    }
  });

  it('takes a duration as a string with a unit or a bare number of milliseconds, and refuses other units and negatives', () => {
    for (const d of ['250ms', '5s', '2m', '1.5h', '80us', '.5s', 0, 1500]) expect(jsonSchemaErrors({ ...tiny(), duration: d }), String(d)).toEqual([]);
    for (const d of ['5 parsecs', '5', '-1s', -1, true, {}]) expect(jsonSchemaErrors({ ...tiny(), duration: d }), String(d)).not.toEqual([]);
  });

  it('agrees with parseDuration on what a duration string is', () => {
    const pattern = new RegExp(DURATION_PATTERN, 'u');
    const samples = ['250ms', ' 5 s ', '2m', '1.5h', '80us', '80µs', '.5s', '5.', '5', 's', '1e3ms', '-1s', '5 parsecs', '1.2.3s', '10 ms', '3d'];
    for (const s of samples) expect(pattern.test(s), s).toBe(parseDuration(s).ok);
  });

  it('refuses what meshsim refuses by shape: an unknown field, an unknown fault type, a missing service list, a wrong enum', () => {
    const unknownField = { ...tiny(), colour: 'red' };
    const unknownFault = { ...tiny(), faults: [{ type: 'kil-replica', service: 'api' }] };
    const noServices = { ...tiny(), services: undefined };
    const badCredentials = { ...tiny(), clients: [{ ...tiny().clients[0], credentials: 'yes' }] };
    for (const bad of [unknownField, unknownFault, noServices, badCredentials]) {
      expect(jsonSchemaErrors(bad)).not.toEqual([]);
      expect(validateScenario(bad).ok).toBe(false);
    }
    expect(jsonSchemaErrors(tiny())).toEqual([]);
  });

  it('leaves no field unconstrained: every duration says what it takes', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (node === null || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'default' || k === 'const' || k === 'enum') continue;
        if (k === 'properties' || k === '$defs') {
          for (const [name, s] of Object.entries(v as object)) if (s && typeof s === 'object' && Object.keys(s).every((x) => x === 'default' || x === 'description')) open.push(`${path}/${k}/${name}`);
        }
        walk(v, `${path}/${k}`);
      }
    };
    walk(scenarioJsonSchema(), '#');
    expect(open).toEqual([]);
  });
});
