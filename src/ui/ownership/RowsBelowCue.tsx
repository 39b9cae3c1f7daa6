// The cue at the ownership view's foot while some of its table's rows lie below the view: at
// 1600x1000 gateway-and-mesh's tenth row (Observability) sat 15 px under the drawer's edge, the
// drawer grown as far as the picture's 11 px names allow (drawerRoom.ts) and only a scroll shadow
// saying so (W6's report, session 52). A click scrolls the view until the last row shows.
import { useEffect, useState, type RefObject } from 'react';
import { FEATURE_NAMES, type OwnedFeature } from '../../models/ownership';

/** Names a cue gives before "+N more". */
const NAMES_SHOWN = 2;

/**
 * "↓ 1 more row: Observability", "↓ 6 more rows: Circuit breaking, Authentication +4 more": the
 * cue's words for the features of the rows below the view, in table order; '' for none. Pure.
 */
export function rowsBelowWords(features: readonly OwnedFeature[]): string {
  if (features.length === 0) return '';
  const names = features.slice(0, NAMES_SHOWN).map((f) => FEATURE_NAMES[f]);
  const more = features.length > NAMES_SHOWN ? ` +${features.length - NAMES_SHOWN} more` : '';
  return `↓ ${features.length} more row${features.length === 1 ? '' : 's'}: ${names.join(', ')}${more}`;
}

/**
 * The rows (`[data-testid="ownership-row"]`) of `view` that end more than half a px below its
 * visible foot, by their `data-feature`. Reads layout only.
 */
function rowsBelow(view: HTMLElement): OwnedFeature[] {
  const foot = view.getBoundingClientRect().top + view.clientTop + view.clientHeight + 0.5;
  return Array.from(view.querySelectorAll<HTMLElement>('[data-testid="ownership-row"]'))
    .filter((r) => r.getBoundingClientRect().bottom > foot)
    .map((r) => r.dataset.feature as OwnedFeature);
}

/**
 * The cue for `view`'s rows below its foot, held at the foot (a sticky anchor placed after the
 * table); measured again on the view's scroll and size and the table's size (`contentKey` names
 * what the table shows). Nothing while every row shows, or in a view that does not scroll.
 */
export function RowsBelowCue({ view, contentKey }: { view: RefObject<HTMLElement | null>; contentKey: unknown }) {
  const [below, setBelow] = useState<OwnedFeature[]>([]);
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const check = () => {
      const now = rowsBelow(v);
      setBelow((was) => (was.join() === now.join() ? was : now));
    };
    check();
    const watch = new ResizeObserver(check);
    watch.observe(v);
    const table = v.querySelector('.ownership-table');
    if (table) watch.observe(table);
    v.addEventListener('scroll', check, { passive: true });
    return () => {
      watch.disconnect();
      v.removeEventListener('scroll', check);
    };
  }, [view, contentKey]);
  if (below.length === 0) return null;
  const showAll = () => {
    const v = view.current;
    const rows = v?.querySelectorAll<HTMLElement>('[data-testid="ownership-row"]');
    const last = rows?.[rows.length - 1];
    if (!v || !last) return;
    v.scrollTop += Math.ceil(last.getBoundingClientRect().bottom - (v.getBoundingClientRect().top + v.clientTop + v.clientHeight)) + 2;
  };
  return (
    <div className="ownership-rows-cue-anchor">
      <button type="button" className="ownership-rows-cue" data-testid="ownership-rows-cue" title="Scroll the table to its last row" onClick={showAll}>
        {rowsBelowWords(below)}
      </button>
    </div>
  );
}
