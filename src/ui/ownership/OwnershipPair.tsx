// The compare view's ownership views, A's and B's side by side (stacked below 1,100 px), each
// measured on its own run, both on one path by name (comparePath.ts): the one a person picked in
// either view, else the one the rule names, so the two tables line up hop by hop.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { CompareController, ComparePane } from '../compare/compareController';
import type { SeriesBucket } from '../../workers/series';
import { sideLabel } from '../compare/sideLabel';
import { OwnershipView, ownershipOfText } from './OwnershipView';
import { scenarioTextOf } from './OwnershipPanel';
import { highlightAt } from '../narrative/steps';
import { clientFailedShares, comparePath, pathKey } from './comparePath';
import type { OwnedFeature } from '../../models/ownership';

const NO_STEPS: never[] = [];
const NONE: readonly string[] = [];
/** highlightAt, with one empty list for none: a selector's new [] each call re-rendered without end (React's cached-snapshot rule). */
const stableHighlights = (steps: Parameters<typeof highlightAt>[0], ms: number) => {
  const h = highlightAt(steps, ms);
  return h.length ? h : NONE;
};

/** What a pane's story step names at its run's moment (its highlights), or none without a pane. */
function usePaneFocus(pane: ComparePane | undefined): readonly string[] {
  const subscribe = useCallback((cb: () => void) => (pane ? pane.services.store.subscribe(cb) : () => {}), [pane]);
  return useSyncExternalStore(subscribe, () => {
    if (!pane) return NONE;
    const x = pane.services.store.getState();
    return stableHighlights(x.info?.narrative ?? NO_STEPS, x.stats.simTime);
  });
}

export function OwnershipPair({ controller }: { controller: CompareController }) {
  const s = useStore(controller.store);
  const panes = controller.panes;
  const texts = useMemo(() => panes.map((p) => scenarioTextOf(p.services.store.getState().recipe, p.id)), [panes]);
  // The path both views show: a person's pick in either (by name), else comparePath's. Read from
  // each file's own config (not its live changes, which the views themselves follow).
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => setPicked(null), [texts]);
  const owned = useMemo(() => texts.map((t) => (t ? ownershipOfText(t.text, t.fileName) : null)), [texts]);
  const focus = [usePaneFocus(panes[0]), usePaneFocus(panes[1])];
  const bucketsA = s.series[0]?.buckets;
  const bucketsB = s.series[1]?.buckets;
  const failedA = useMemo(() => clientFailedShares(bucketsA ?? []), [bucketsA]);
  const failedB = useMemo(() => clientFailedShares(bucketsB ?? []), [bucketsB]);
  const [oa, ob] = owned;
  const chosen = oa?.ok && ob?.ok ? comparePath({ ownership: oa.ownership, focus: focus[0], failed: failedA }, { ownership: ob.ownership, focus: focus[1], failed: failedB }) : null;
  const key = picked ?? chosen;
  // Every feature either run applies on that path, listed in both, so the rows line up (A's
  // sidecar-less search → catalog has no mTLS row of its own; B's has one).
  const listed = [oa, ob].flatMap((x) => (x?.ok ? (x.ownership.paths.find((p) => pathKey(p) === key)?.features.map((f) => f.feature) ?? []) : []));
  const alsoList: readonly OwnedFeature[] = [...new Set(listed)];
  // Presenter mode is the window and nothing more (compare.css): the views come back on leaving it.
  if (panes.length !== 2 || s.presenter) return null;
  return (
    <section className="compare-ownership ownership-pair" data-testid="compare-ownership" aria-label="Who owns each L7 feature, in both runs">
      {panes.map((p, i) => {
        const src = texts[i];
        return src ? (
          <PaneOwnership key={p.side} pane={p} heading={sideLabel(s, i as 0 | 1)} text={src.text} fileName={src.fileName} buckets={s.series[i].buckets} focus={focus[i]} shared={{ key, side: p.side, onPick: setPicked }} alsoList={alsoList} />
        ) : (
          <p key={p.side} className="muted">
            {sideLabel(s, i as 0 | 1)}: no scenario text to read its ownership from
          </p>
        );
      })}
    </section>
  );
}

/** One pane's view, following that run's live config changes (its recipe's actions), on the pair's path. */
function PaneOwnership({ pane, heading, text, fileName, buckets, focus, shared, alsoList }: { pane: ComparePane; heading: string; text: string; fileName?: string; buckets: readonly SeriesBucket[]; focus: readonly string[]; shared: { key: string | null; side: string; onPick: (key: string) => void }; alsoList: readonly OwnedFeature[] }) {
  const actions = useStore(pane.services.store, (x) => x.recipe?.actions);
  return <OwnershipView heading={heading} text={text} fileName={fileName} topology={pane.info.topology} frames={pane.services.frames} buckets={buckets} actions={actions} focus={focus} shared={shared} rowOrder="features" alsoList={alsoList} />;
}
