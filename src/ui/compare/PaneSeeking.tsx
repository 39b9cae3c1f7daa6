// Over each compare pane while a seek runs: how far its run has got, "seeking 23.0 / 50.0 s" over a
// bar (a progressbar to a screen reader), then "at 50.0 s: waiting for B" once it stands there.
// The pictures are held until both stand at the target (pairSeek.ts), so without it a long seek
// (a link's t=50 s, End, under load) sat silent.
import { useStore } from 'zustand';
import type { CompareStore } from './compareStore';
import { paneSeekProgress } from './seekProgress';

/** The pane `side`'s seek progress over its picture, or nothing when no seek runs. */
export function PaneSeeking({ store, side, endMs, otherEndMs }: { store: CompareStore; side: 'A' | 'B'; endMs: number; otherEndMs: number }) {
  const i = side === 'A' ? 0 : 1;
  const target = useStore(store, (s) => (s.seekingTo !== null && !s.settling && s.status !== 'loading' && s.status !== 'failed' ? s.seekingTo : null));
  const reached = useStore(store, (s) => s.seekReached[i]);
  const otherReached = useStore(store, (s) => s.seekReached[1 - i]);
  if (target === null) return null;
  const other = side === 'A' ? 'B' : 'A';
  const otherThere = paneSeekProgress(otherReached, target, otherEndMs, { side, there: true }).there;
  const p = paneSeekProgress(reached, target, endMs, { side: other, there: otherThere });
  return (
    <div className="compare-seek" data-testid="pane-seek" data-reached={reached} data-there={p.there} role="status">
      <span className="compare-seek-words">{p.text}</span>
      <span className="compare-seek-bar" role="progressbar" aria-label={`${side}: ${p.text}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p.fraction * 100)}>
        <span className="compare-seek-fill" style={{ width: `${(p.fraction * 100).toFixed(1)}%` }} />
      </span>
    </div>
  );
}
