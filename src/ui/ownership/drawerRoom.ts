// How tall the drawer grows for the Ownership tab: as far as its table needs (title, path, every
// feature row and the line under them; not the callouts), while the picture above keeps node names
// of READABLE_NAME_PX or more. A share of the window (34vh) left gateway-and-mesh's nine rows at
// six whole at 1600x1000 while its names were 12.5 px, room a smaller picture could give.
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { Topology } from '../../models';
import { READABLE_NAME_PX, READABLE_WINDOW_QUERY, namePx } from '../topology/readableText';
import { LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';

/** Names kept a little over the floor: the model leaves out hand-placed nodes' own geometry. */
const NAME_MARGIN_PX = 0.25;

/**
 * The floor in a window wider than READABLE_WINDOW_QUERY's, CSS px: 11, not 10. At 1600x1000 the
 * drawer grew to gateway-and-mesh's 10 px names and its captions, region labels and fault tags
 * went to 9-10 px (trial T1, 7); the table's head row is denser instead (ownership.css).
 */
export const DRAWER_WIDE_NAME_PX = 11;

/**
 * The node names, CSS px, the single view draws `topology` with in a `width` x `height` stage: its
 * own drawing's, or presenter mode's text where a narrow window takes it (useStageMode's rule). Pure.
 */
export function drawnNamePx(topology: Topology, width: number, height: number, narrow: boolean): number {
  const px = namePx(topology, width, height);
  return px.normal < READABLE_NAME_PX && narrow && px.large >= px.normal * 1.03 ? px.large : px.normal;
}

/**
 * CSS px the drawer may grow by over its own height: `need` (what its table lacks, CSS px) or
 * less, so that `topology` fitted into the stage left (`width` x `height` less the growth, CSS px)
 * keeps names of READABLE_NAME_PX (a `narrow` window) or DRAWER_WIDE_NAME_PX, + a quarter px. 0 for no need, a stage whose names are under that
 * already, or a picture drawn as group tiles. Whole px; pure.
 */
export function drawerRoom(topology: Topology, width: number, height: number, need: number, narrow: boolean): number {
  if (!(need > 0) || width < 10 || topology.nodes.length > LARGE_TOPOLOGY_NODES) return 0;
  const floor = (narrow ? READABLE_NAME_PX : DRAWER_WIDE_NAME_PX) + NAME_MARGIN_PX;
  const keeps = (grow: number) => height - grow >= 10 && drawnNamePx(topology, width, height - grow, narrow) >= floor;
  const most = Math.ceil(need);
  if (keeps(most)) return most;
  if (!keeps(0)) return 0;
  // The names shrink as the stage does: the most growth that keeps them, to a pixel.
  let lo = 0;
  let hi = most;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (keeps(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Grows the drawer that holds `viewRef`'s ownership view by drawerRoom's px (an inline height over
 * its CSS one), measured again when the window or the table's size changes (`contentKey` names
 * what the table shows); back to its CSS height when the view goes. Nothing outside a drawer.
 */
export function useDrawerRoom(viewRef: RefObject<HTMLElement | null>, topology: Topology, contentKey: unknown): void {
  const grown = useRef(false);
  useLayoutEffect(() => {
    const view = viewRef.current;
    const drawer = view?.closest<HTMLElement>('.drawer');
    if (!view || !drawer) return;
    const fit = () => {
      const stage = document.querySelector<HTMLElement>('.topology-stage');
      const end = view.querySelector('.ownership-none') ?? view.querySelector('.ownership-table-wrap');
      // Measured at the drawer's CSS height, so growing does not feed on itself; set back in the
      // same task, before anything paints.
      if (grown.current) drawer.style.height = '';
      grown.current = false;
      if (!stage || !end) return;
      const v = view.getBoundingClientRect();
      const content = end.getBoundingClientRect().bottom - v.top + view.scrollTop + parseFloat(getComputedStyle(view).paddingBottom);
      const s = stage.getBoundingClientRect();
      const grow = drawerRoom(topology, Math.floor(s.width), Math.floor(s.height), content - view.clientHeight, window.matchMedia(READABLE_WINDOW_QUERY).matches);
      if (grow < 1) return;
      drawer.style.height = `${Math.floor(drawer.getBoundingClientRect().height + grow)}px`;
      grown.current = true;
    };
    fit();
    const table = view.querySelector('.ownership-table');
    const ro = new ResizeObserver(() => fit());
    if (table) ro.observe(table);
    window.addEventListener('resize', fit);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', fit);
      if (grown.current) drawer.style.height = '';
      grown.current = false;
    };
  }, [viewRef, topology, contentKey]);
}
