// A fault kind as a person reads it: the inject form's words ("HTTP errors"), not the file's
// kind id ("http-abort"). A newcomer picked "HTTP errors" in the form and found "http-abort" in
// the list, the picture and the inspector (helper N, session 25). The kind id stays where a
// file or a URL needs it (scenario files, share links, exports' data, test ids).
/**
 * Each kind's name: the form's label without what only the form needs (a parenthesis on what is
 * hit, "now" for a one-shot), and a short form for a narrow box under a node. Kept beside the
 * form's labels so the two cannot drift: a test checks every name against its label.
 */
const NAMES: Readonly<Record<string, { name: string; short: string }>> = {
  'kill-service': { name: 'kill a service', short: 'kill' },
  'kill-replica': { name: 'kill one replica', short: 'kill' },
  'slow-replica': { name: 'slow one replica', short: 'slow' },
  'http-abort': { name: 'HTTP errors', short: 'HTTP' },
  latency: { name: 'add latency', short: 'latency' },
  'packet-loss': { name: 'packet loss', short: 'loss' },
  partition: { name: 'network partition', short: 'partition' },
  'control-plane-outage': { name: 'control plane down', short: 'CP down' },
  'ca-outage': { name: 'CA down', short: 'CA down' },
  'expire-certificates': { name: 'expire certificates', short: 'expire' },
  'gateway-capacity': { name: 'shrink gateway capacity', short: 'shrink' },
  'clock-skew': { name: 'clock skew', short: 'skew' },
};

/** "HTTP errors" for http-abort; a kind the catalog does not know is shown as it is. Pure. */
export function faultName(type: string): string {
  return NAMES[type]?.name ?? type;
}

/** The short form of faultName for a narrow box ("HTTP" for http-abort). Pure. */
export function faultShortName(type: string): string {
  return NAMES[type]?.short ?? type.split('-')[0];
}
