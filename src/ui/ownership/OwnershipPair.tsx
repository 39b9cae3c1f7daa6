// The compare view's ownership views, A's and B's side by side (stacked below 1,100 px), each
// measured on its own run.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { CompareController, ComparePane } from '../compare/compareController';
import type { SeriesBucket } from '../../workers/series';
import { sideLabel } from '../compare/sideLabel';
import { OwnershipView } from './OwnershipView';
import { scenarioTextOf } from './OwnershipPanel';
import { highlightAt } from '../narrative/steps';

const NO_STEPS: never[] = [];
const NONE: readonly string[] = [];
/** highlightAt, with one empty list for none: a selector's new [] each call re-rendered without end (React's cached-snapshot rule). */
const stableHighlights = (steps: Parameters<typeof highlightAt>[0], ms: number) => {
  const h = highlightAt(steps, ms);
  return h.length ? h : NONE;
};

export function OwnershipPair({ controller }: { controller: CompareController }) {
  const s = useStore(controller.store);
  const panes = controller.panes;
  const texts = useMemo(() => panes.map((p) => scenarioTextOf(p.services.store.getState().recipe, p.id)), [panes]);
  // Presenter mode is the window and nothing more (compare.css): the views come back on leaving it.
  if (panes.length !== 2 || s.presenter) return null;
  return (
    <section className="compare-ownership ownership-pair" data-testid="compare-ownership" aria-label="Who owns each L7 feature, in both runs">
      {panes.map((p, i) => {
        const src = texts[i];
        return src ? (
          <PaneOwnership key={p.side} pane={p} heading={sideLabel(s, i as 0 | 1)} text={src.text} fileName={src.fileName} buckets={s.series[i].buckets} />
        ) : (
          <p key={p.side} className="muted">
            {sideLabel(s, i as 0 | 1)}: no scenario text to read its ownership from
          </p>
        );
      })}
    </section>
  );
}

/** One pane's view, following that run's live config changes (its recipe's actions). */
function PaneOwnership({ pane, heading, text, fileName, buckets }: { pane: ComparePane; heading: string; text: string; fileName?: string; buckets: readonly SeriesBucket[] }) {
  const actions = useStore(pane.services.store, (x) => x.recipe?.actions);
  // The pane's story step names the path its view opens on (openingPath.ts), as in the single view.
  const focus = useStore(pane.services.store, (x) => stableHighlights(x.info?.narrative ?? NO_STEPS, x.stats.simTime));
  return <OwnershipView heading={heading} text={text} fileName={fileName} topology={pane.info.topology} frames={pane.services.frames} buckets={buckets} actions={actions} focus={focus} />;
}
