// The compare view's pair as a link: the compare link (both sides, their faults, the moment,
// the speed, an opened file packed), a side's single-view link, why Share can give none, and
// the address bar following the pair. Plain TypeScript, no React.
import type { Recipe } from '../recipe/types';
import { encodeLink, momentBound } from '../recipe/url';
import { createAddressBarWriter, followInAddressBar, PLAYING_URL_INTERVAL_MS, URL_INTERVAL_MS, type AddressBarWriter } from '../sim/addressBar';
import { createScenarioPacker } from '../sim/packedScenario';
import { DATA_SIDE, DATA_SIDE_B, encodeCompareLink, SCOPE_ALL } from './link';
import type { PairCore, PaneRun } from './pairRun';

/** The pair's links (see CompareController for each). */
export interface PairLinks {
  /**
   * The compare link's `?…#…` part for the pair now, or null before it loads or when it cannot
   * carry its files. With `picture` (a share link) each pane's columns a row too (`cols=`, the
   * pane store's drawnCols); the address bar carries only the runs.
   */
  search(picture?: boolean): string | null;
  /** Why no link can be given, in words, or null. */
  refusal(): string | null;
  /** The single view's link (path and query) to `side`'s run at the shared clock, or null before that pane opens. */
  singleView(side: 'A' | 'B'): string | null;
  /** From now on the address bar follows the pair: its moment, speed, faults and status (once both panes are open). */
  follow(): void;
  /** The address-bar writer (cancelled on dispose). */
  readonly addressBar: AddressBarWriter;
}

/** The links of the pair `core` holds; an opened file is packed once per text. */
export function createPairLinks(core: PairCore): PairLinks {
  const { store } = core;
  // One packer per opened file (A's, B's own), so each packs again only when its text changes.
  const packers = [createScenarioPacker(), createScenarioPacker()];

  /**
   * The opened files the inline panes run, packed: A's (or the one both run) as `data`, B's own
   * as `dataB` (two files opened together, trial N11, 4); or why a link cannot carry them.
   */
  function packedData(): { ok: true; data?: string; dataB?: string } | { ok: false; reason: string } {
    const texts = [...new Set(core.panes.filter((p) => p.inline).map((p) => p.text))];
    if (texts.length === 0) return { ok: true };
    const packed = texts.map((t, i) => packers[i].pack(t));
    if (packed.some((d) => d === null)) return { ok: false, reason: 'An opened file packs to more than 256 KB, the most a link may carry' };
    return { ok: true, data: packed[0]!, ...(packed.length > 1 ? { dataB: packed[1]! } : {}) };
  }

  /** A pane's side name in the link: a shipped scenario's own, DATA_SIDE for the first opened file, DATA_SIDE_B for a second. */
  function idOfPane(p: PaneRun): string {
    if (!p.inline) return p.id;
    const first = core.panes.find((x) => x.inline)!;
    return p.text === first.text ? DATA_SIDE : DATA_SIDE_B;
  }

  function search(picture = false): string | null {
    const s = store.getState();
    const panes = core.panes;
    if (panes.length < 2 || !s.pair) return null;
    const data = packedData();
    if (!data.ok) return null;
    const tMs = core.clock();
    return encodeCompareLink({ a: { id: idOfPane(panes[0]), actions: panes[0].actions }, b: { id: idOfPane(panes[1]), actions: panes[1].actions }, seed: s.seed, tMs, tBeforeMs: pairMomentBound(tMs, panes), speedId: s.speedId, scope: s.scope ?? (s.lessonClient !== null ? SCOPE_ALL : null), window: s.window, data: data.data, dataB: data.dataB, ...(picture ? { cols: [panes[0].appStore.getState().drawnCols, panes[1].appStore.getState().drawnCols] as const } : {}) });
  }

  // While the pair plays, written every PLAYING_URL_INTERVAL_MS (2 s) as the single view's is;
  // a pause, the end and a seek's landing at once (follow's `acted`).
  const addressBar = createAddressBarWriter(() => search(), () => core.disposed, () => (store.getState().status === 'playing' ? PLAYING_URL_INTERVAL_MS : URL_INTERVAL_MS));

  return {
    search,
    refusal() {
      if (core.panes.length < 2) return 'Nothing to share before both runs have opened';
      const data = packedData();
      return data.ok ? null : data.reason;
    },
    singleView(side) {
      const p = core.panes[side === 'A' ? 0 : 1];
      if (!p) return null;
      const s = store.getState();
      const scenario: Recipe['scenario'] = p.inline ? { kind: 'inline', text: p.text } : { kind: 'builtin', id: p.id };
      const data = packedData();
      const own = data.ok ? (idOfPane(p) === DATA_SIDE_B ? data.dataB : data.data) : undefined;
      return `${location.pathname}${encodeLink({ recipe: { scenario, seed: s.seed, actions: p.actions }, tMs: core.clock(), speedId: s.speedId }, p.inline ? (own ?? null) : undefined)}`;
    },
    follow() {
      if (core.disposed || core.panes.length < 2) return;
      // A fault injected is written at once (Back right after it keeps it in the entry left), and
      // so are a pause, the end and a seek's landing: a link copied then holds its moment.
      followInAddressBar(
        store,
        (s, before) => s.simTime !== before.simTime || s.speedId !== before.speedId || s.scope !== before.scope || s.window !== before.window || s.faults !== before.faults || s.status !== before.status,
        addressBar,
        (s, before) => s.faults !== before.faults || s.window !== before.window || pairStopped(s, before),
      );
    },
    addressBar,
  };
}

/** Whether the pair stopped playing (paused, ended, failed) or a seek landed between `before` and `s`: the address bar is written at once then. */
export function pairStopped(s: { status: string; seekingTo: number | null }, before: { status: string; seekingTo: number | null }): boolean {
  return (before.status === 'playing' && s.status !== 'playing') || (before.seekingTo !== null && s.seekingTo === null);
}

/**
 * How far the pair's moment `tMs` may be rounded up in its link (url.ts formatT): before either
 * pane's next event or action. A pane that is not at that moment (ahead while playing) keeps it
 * exact; one that ended before it has nothing after. Reads only.
 */
export function pairMomentBound(tMs: number, panes: readonly Pick<PaneRun, 'latest' | 'actions'>[]): number {
  let bound = Number.POSITIVE_INFINITY;
  for (const p of panes) {
    const f = p.latest;
    if (f?.done && f.simTime <= tMs) continue;
    if (!f || f.simTime !== tMs) return tMs;
    bound = Math.min(bound, momentBound(tMs, f.nextEventMs, p.actions));
  }
  return bound === Number.POSITIVE_INFINITY ? tMs : bound;
}
