// Text that is not a scenario but something a person may well hand over in its place: a
// Kubernetes/Istio manifest (which `import` reads) or a share link (which `replay` and the app's
// address bar open). Told apart before reading it as a scenario, so the answer names what it is and
// where it goes instead of "malformed YAML ... more than one document" or "(scenario): expected
// object, got "http://..."" (N9's finding 8, session 39).

/**
 * Whether a set of texts looks like Kubernetes manifests rather than a scenario: some document
 * has top-level `apiVersion:` and `kind:`. For the app, which opens either, and `notAScenario`.
 */
export function looksLikeManifests(texts: readonly string[]): boolean {
  return texts.some((t) => /^apiVersion:\s*\S/m.test(t) && /^kind:\s*\S/m.test(t));
}

/** What a text is instead of a scenario: a manifest (its kinds, in the order first met) or a share link (trimmed). */
export type NotAScenario = { kind: 'manifest'; kinds: string[] } | { kind: 'link'; link: string };

/** A share link: one line, an http(s) address or a bare query, naming a scenario, a pair or carried data. */
const LINK = /^(?:https?:\/\/|\?)\S*$/;
/** What a share link carries: `scenario=`, `compare=` or `data=` after its `?`, an `&` or its `#`. */
const CARRIES = /[?&#](?:scenario|compare|data)=/;

/**
 * Whether `text` is a manifest or a share link rather than a scenario, or null when it may be a
 * scenario (then it is read as one, and its problems are its own). A manifest: `looksLikeManifests`;
 * its kinds are the top-level `kind:` values, each once. A link: the whole text, trimmed, is one
 * `http(s)://…` or `?…` with `scenario=`, `compare=` or `data=` in it. Pure; linear in the text.
 */
export function notAScenario(text: string): NotAScenario | null {
  if (looksLikeManifests([text])) return { kind: 'manifest', kinds: [...new Set(Array.from(text.matchAll(/^kind:\s*([^\s#]+)/gm), (m) => m[1].replace(/^["']|["']$/g, '')))] };
  const t = text.trim();
  return t.length < 100_000 && LINK.test(t) && CARRIES.test(t) ? { kind: 'link', link: t } : null;
}

/** "kind: Deployment, Service and 2 more": at most three kinds named. */
function kindsWords(kinds: readonly string[]): string {
  return kinds.length <= 3 ? kinds.join(', ') : `${kinds.slice(0, 3).join(', ')} and ${kinds.length - 3} more`;
}

/**
 * What to say of such a text where the app reads it (Open file…, the editor, a link's data):
 * "this is a share link: paste it in the address bar", or "this is a Kubernetes/Istio manifest
 * (kind: Deployment, Service): Open file… imports it (choose it with its other manifest files)".
 */
export function notAScenarioInApp(what: NotAScenario): string {
  if (what.kind === 'link') return 'this is a share link: paste it in the address bar';
  return `this is a Kubernetes/Istio manifest (kind: ${kindsWords(what.kinds)}): Open file… imports it (choose it with its other manifest files)`;
}

/**
 * What the CLI says of such a file `file` (as the person typed it): "this is a Kubernetes/Istio
 * manifest (kind: Deployment, Service): import it with `npm run sim -- import FILE`", or "this is a
 * share link: `npm run sim -- replay '<link>'`" (the link itself when under 200 characters).
 */
export function notAScenarioInCli(what: NotAScenario, file: string): string {
  if (what.kind === 'link') return `this is a share link: \`npm run sim -- replay '${what.link.length < 200 ? what.link : '<the link>'}'\``;
  return `this is a Kubernetes/Istio manifest (kind: ${kindsWords(what.kinds)}), not a scenario: import it with \`npm run sim -- import ${file}\` (add the other manifest files, and --workload FILE for its traffic)`;
}
