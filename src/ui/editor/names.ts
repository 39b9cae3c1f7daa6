// The names a scenario's text gives, read as the form needs them: by the editor's worker with
// every check, and on the page's own thread as the dialog opens (the worker's first answer waits
// for it to start and load the checker, 1-6 s on a busy laptop: trial N15, 1).
import { readScenarioText, scenarioFormat } from '../../scenario';

/** Names of the services, clients and gateways a text gives, and which services run a sidecar. */
export interface ScenarioNames {
  services: string[];
  clients: string[];
  gateways: string[];
  /** Services with a sidecar (`"sidecar": true` or its settings), in the text's order. */
  sidecars: string[];
}

/** No names: a text that does not read. */
export const NO_NAMES: ScenarioNames = { services: [], clients: [], gateways: [], sidecars: [] };

/** The `name` strings of a list read from a scenario's text; anything else gives none. */
function namesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((x) => (x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string' ? [(x as { name: string }).name] : []));
}

/**
 * The names in a scenario as read (`data`, the parsed text, valid or not): a list that is no list
 * gives none, an entry without a string name is left out. A service has a sidecar when its
 * `sidecar` field is true or an object (the schema's settings form). Pure.
 */
export function namesInData(data: unknown): ScenarioNames {
  if (!data || typeof data !== 'object') return NO_NAMES;
  const d = data as Record<string, unknown>;
  const services = Array.isArray(d.services) ? (d.services as unknown[]) : [];
  const sidecars = services.flatMap((s) => {
    const o = s as { name?: unknown; sidecar?: unknown } | null;
    return o && typeof o === 'object' && typeof o.name === 'string' && (o.sidecar === true || (typeof o.sidecar === 'object' && o.sidecar !== null)) ? [o.name] : [];
  });
  return { services: namesOf(d.services), clients: namesOf(d.clients), gateways: namesOf(d.gateways), sidecars };
}

/** The names in scenario text (JSON or YAML, as scenarioFormat decides); NO_NAMES when it does not read. Pure. */
export function namesInText(text: string, fileName: string | undefined): ScenarioNames {
  const read = readScenarioText(text, scenarioFormat(fileName, text));
  return read.ok ? namesInData(read.data) : NO_NAMES;
}
