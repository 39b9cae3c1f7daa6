// Writes scenarios/schema.json, the JSON Schema that scenario files name with "$schema", from
// the zod schema (`npm run schema`). test/scenario/jsonSchema.test.ts fails until it is rerun
// after a change to the schema.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/jsonSchema';

const path = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));
writeFileSync(path, scenarioJsonSchemaText());
console.log(`wrote ${path}`);
