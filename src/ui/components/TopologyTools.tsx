// The tools under the topology picture: presenter mode's fold note, node search with its result,
// Fit and Reset layout, and (for a large topology) the list of group tiles, by mesh, each with a
// box to hide or show it. Thin components: TopologyView.tsx does what they ask.
import { useRef, type FormEvent } from 'react';
import { meshLabel } from '../topology/meshName';
import { KEPT_TEXT_PX } from '../topology/keptPicture';
import { offStageWords, type OffStage } from '../topology/offStage';
import { useNotePlace } from './useNotePlace';

/** A group tile of the canvas view, as the list shows it: its index, name, mesh and member count. */
export interface GroupEntry {
  index: number;
  name: string;
  mesh: string | null;
  size: number;
}

/** What the last search said: the node found, or a miss with the nearest name when one is near. */
export interface SearchResult {
  text: string;
  miss: boolean;
  nearest?: string;
}

/** The tools bar. `onResetLayout` is null when no node was dragged (the button is not shown). */
export function TopologyTools({
  fold,
  floorPx,
  keptCut = null,
  presenter,
  groups,
  hidden,
  large,
  searchResult,
  onSuggestion,
  onHoldAnswer,
  onDismiss,
  query,
  setQuery,
  onSearch,
  onFit,
  onResetLayout,
  setGroupHidden,
}: {
  fold: 'all' | 'replicas' | 'groups';
  floorPx: number;
  /** Beside the inspector the picture keeps its arrangement and text size (keptPicture.ts): the nodes it leaves past the stage's edges (offStage.ts), named with how to see them; null when none. */
  keptCut?: OffStage | null;
  /** Folded by presenter mode (else by the single view for names of `floorPx`, readableText.ts). */
  presenter?: boolean;
  groups: readonly GroupEntry[];
  hidden: ReadonlySet<number>;
  large: boolean;
  searchResult: SearchResult | null;
  /** A click on the nearest name a missed search offers: searches for it. */
  onSuggestion: (name: string) => void;
  /** The pointer or focus came into (true) or left (false) the answer: a miss is not timed out while held (useMissExpiry). */
  onHoldAnswer?: (held: boolean) => void;
  /** The answer's close button: the answer, the box's text and the found mark go. */
  onDismiss: () => void;
  query: string;
  setQuery: (q: string) => void;
  onSearch: (e: FormEvent) => void;
  onFit: () => void;
  onResetLayout: (() => void) | null;
  setGroupHidden: (indices: number[], hide: boolean) => void;
}) {
  const note = useRef<HTMLButtonElement>(null);
  const cutWords = offStageWords(keptCut);
  useNotePlace(note, cutWords);
  return (
    <div className="topo-tools">
      {fold !== 'all' && (
        <span
          className="topo-fold-note"
          data-testid="presenter-fold"
          data-fold={fold}
          role="status"
          title={
            presenter === false
              ? `Node names are kept at ${floorPx} px or more: what cannot fit at that size in this window is folded rather than drawn unreadably small. Fold the drawer, widen the window or zoom in to see every node.`
              : `Presenter mode keeps node text at ${floorPx} px or more: what cannot fit at that size is folded rather than cut off. Zoom in, or leave presenter mode, to see every node.`
          }
        >
          {/* The tiles are counted once the canvas scene is built: never "drawn as 0 group tiles" meanwhile. */}
          {fold === 'groups' ? `drawn as ${groups.length > 0 ? `${groups.length} ` : ''}group tiles for ${floorPx} px text` : `replicas folded for ${floorPx} px text`}
        </span>
      )}
      {keptCut && (
        // A button under the tools' row (trial N15, 10 and T2, 6: a "cut off" chip "never
        // explained"): what lies past which edge, by name, and how to see it; a press (or Enter)
        // fits the picture whole, as Fit does.
        <button
          type="button"
          ref={note}
          className="topo-fold-note topo-kept-note"
          data-testid="kept-note"
          onClick={onFit}
          title={`Beside the inspector the picture keeps its text at ${KEPT_TEXT_PX} px or more (or the size it had), so part of it lies past the stage's edges. Drag the picture to see it, press here (or Fit) to draw it whole and smaller, or close the inspector.`}
        >
          {cutWords} · drag, or press to fit all
        </button>
      )}
      {searchResult && (
        <span
          className={`topo-search-result${searchResult.miss ? ' topo-search-miss' : ''}`}
          data-testid="node-search-result"
          role="status"
          onPointerEnter={() => onHoldAnswer?.(true)}
          onPointerLeave={() => onHoldAnswer?.(false)}
          onFocus={() => onHoldAnswer?.(true)}
          onBlur={() => onHoldAnswer?.(false)}
        >
          {searchResult.text}
          {searchResult.nearest !== undefined && (
            <>
              ; did you mean{' '}
              <button type="button" className="button-link" data-testid="node-search-nearest" onClick={() => onSuggestion(searchResult.nearest!)}>
                {searchResult.nearest}
              </button>
              ?
            </>
          )}
          <button type="button" className="topo-search-dismiss" data-testid="node-search-dismiss" aria-label="Dismiss the search's answer" title="Dismiss (or empty the search box)" onClick={onDismiss} />
        </span>
      )}
      <form className="topo-search" onSubmit={onSearch} role="search">
        <input
          data-testid="node-search"
          type="search"
          placeholder="Find a node by name"
          aria-label="Find a node by name"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="button button-quiet button-small">
          Find
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          data-testid="zoom-reset"
          title="Back to the whole picture"
          onClick={onFit}
        >
          Fit
        </button>
        {onResetLayout && (
          <button
            type="button"
            className="button button-quiet button-small"
            data-testid="layout-reset"
            title="Put the nodes you dragged back where the layout puts them"
            onClick={onResetLayout}
          >
            Reset layout
          </button>
        )}
      </form>
      {large && groups.length > 0 && <GroupList groups={groups} hidden={hidden} setGroupHidden={setGroupHidden} />}
    </div>
  );
}

/** The group tiles by mesh, each mesh and tile with a box to show or hide it. */
function GroupList({ groups, hidden, setGroupHidden }: { groups: readonly GroupEntry[]; hidden: ReadonlySet<number>; setGroupHidden: (indices: number[], hide: boolean) => void }) {
  const meshes = [...new Set(groups.map((g) => g.mesh))];
  return (
    <details
      className="topo-groups"
      data-testid="groups"
      // Escape folds the list away, as it closes other panels, so it stops covering the canvas.
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.currentTarget.open = false;
          e.stopPropagation();
        }
      }}
    >
      <summary>
        Groups ({groups.length - hidden.size} of {groups.length} shown)
      </summary>
      <ul>
        {meshes.map((mesh) => {
          const members = groups.filter((g) => g.mesh === mesh);
          const allHidden = members.every((g) => hidden.has(g.index));
          return (
            <li key={mesh ?? ''}>
              <label>
                <input
                  type="checkbox"
                  data-testid="mesh-toggle"
                  data-mesh={mesh ?? ''}
                  checked={!allHidden}
                  onChange={(e) => setGroupHidden(members.map((g) => g.index), !e.target.checked)}
                />
                {mesh === null ? 'outside every mesh' : meshLabel(mesh)}
              </label>
              <ul>
                {members.map((g) => (
                  <li key={g.index}>
                    <label>
                      <input
                        type="checkbox"
                        data-testid="group-toggle"
                        data-group={g.name}
                        checked={!hidden.has(g.index)}
                        onChange={(e) => setGroupHidden([g.index], !e.target.checked)}
                      />
                      {g.name} ({g.size})
                    </label>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
