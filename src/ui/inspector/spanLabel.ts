// What a waterfall row says before its bar (trial T2, 7): at 1024x768 the proxies' passes read "proxy inbound …" and
// "proxy outbou…", so whose sidecar it was (frontend-1's or catalog-1's) needed a hover, and "call ledger" did not
// say who called. A proxy pass names its sidecar's host and which way it went ("frontend-1 sidecar ↑out"), a call
// its caller ("payments-bridge-0"); the span's own name stays in the row's title and the exported trace.
import type { Span, Trace } from '../../workers/protocol';

/** The model's proxy passes (models/spans/materialize.ts PASS_NAMES) in the waterfall's short words. */
const PASS_WORDS: Record<string, string> = {
  'proxy outbound (request)': 'sidecar ↑out',
  'proxy inbound (request)': 'sidecar ↓in',
  'proxy inbound (response)': 'sidecar ↓in, reply',
  'proxy outbound (response)': 'sidecar ↑out, reply',
};

/** A row's words: `main` as the row's first words, `who` after it in a quieter ink ("from payments-bridge-0"), or null. */
export interface SpanLabel {
  main: string;
  who: string | null;
}

/**
 * The label of `span` in `trace`'s waterfall: a proxy pass as "<host> sidecar ↑out" / "↓in" (", reply" for the
 * response's passes; the host from its `meshsim.proxy` attribute, the words alone without one); a call as its own
 * name with who made it, "call ledger" and "from payments-bridge-0": the host of the nearest span above it that
 * ran on one (`meshsim.host`), else the span's service (a client: "from shoppers"). Any other span: its name. Pure.
 */
export function spanLabel(span: Span, byId: ReadonlyMap<number, Span>): SpanLabel {
  const pass = PASS_WORDS[span.name];
  if (pass !== undefined) {
    const host = span.attrs['meshsim.proxy'];
    return { main: typeof host === 'string' && host !== '' ? `${host} ${pass}` : `proxy ${pass.slice('sidecar '.length)}`, who: null };
  }
  if (span.role === 'call') {
    let up = byId.get(span.parent);
    for (let hops = 0; up && hops < 64; hops++, up = byId.get(up.parent)) {
      const host = up.attrs['meshsim.host'];
      if (typeof host === 'string' && host !== '' && up.role === 'server') return { main: span.name, who: `from ${host}` };
    }
    return { main: span.name, who: span.service ? `from ${span.service}` : null };
  }
  return { main: span.name, who: null };
}

/** The trace's spans by id, for spanLabel. */
export function spansById(trace: Trace): Map<number, Span> {
  return new Map(trace.spans.map((s) => [s.id, s]));
}
