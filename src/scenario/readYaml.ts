import { parseDocument } from 'yaml';
import type { Problem } from './parse';
import { atOffset, EMPTY } from './textGuards';
import { explainYamlError } from './yamlWords';

// YAML scenario text into plain data, with its first syntax problem said as a person would fix it
// (yamlWords.ts): a key without its colon, a list item outdented, a line indented deeper than its
// key, a key given twice, each at its line and column, the yaml package's own words after ours. Pure.

/**
 * YAML 1.2's core schema: `yes` and `no` stay strings, a key given twice is an error. Merge keys
 * (`<<: *web`, from YAML 1.1, which Compose files and CI configs use to write one service as
 * another with a few fields changed) are read as the yaml package merges them: the keys written
 * beside `<<` win over the merged ones.
 */
export function readYaml(text: string): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  const doc = parseDocument(text, { logLevel: 'error', merge: true });
  // The first syntax error only: the ones after it are usually its echoes.
  const e = doc.errors[0];
  if (e) {
    const w = explainYamlError(text, doc.errors, e);
    return { ok: false, problems: [{ path: '(file)', message: `malformed YAML${atOffset(text, w.offset)}: ${w.words}${w.detail === null ? '' : ` (the YAML parser: ${w.detail})`}` }] };
  }
  // Comments alone make an empty document.
  if (doc.contents === null) return { ok: false, problems: [EMPTY] };
  // A %YAML 1.1 directive would bring back 1.1's booleans (y, on) and sexagesimal numbers.
  if (doc.directives?.yaml.version !== '1.2') return { ok: false, problems: [{ path: '(file)', message: `is YAML ${doc.directives?.yaml.version}; scenarios are YAML 1.2 (drop the %YAML directive)` }] };
  try {
    // At most 100 alias expansions: a few nested aliases can otherwise blow up to gigabytes.
    return { ok: true, data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const message = /Unresolved alias/.test(why)
      ? `an alias (*name) refers to no anchor (&name) set before it`
      : /Excessive alias count/.test(why)
        ? 'its aliases expand too far (more than 100 expansions)'
        : why.split('\n')[0];
    return { ok: false, problems: [{ path: '(file)', message: `malformed YAML: ${message}` }] };
  }
}
