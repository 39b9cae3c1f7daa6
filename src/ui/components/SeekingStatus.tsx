// The run status while a seek runs (a share link's moment, a timeline click or drag, Shift+arrow,
// Home/End): "seeking to 30.0 s" until the run stands there, in the single view's header and the
// compare view's. It said "paused" meanwhile, as if the clock had stopped where it stood.
import { formatMoment } from '../format';

/**
 * "seeking to 30.0 s", the target kept whole on one line: the status pill keeps one width whatever
 * it says (styles.css `.status`), so the words go on two short lines in it, "seeking to" over the
 * time (`.status-seeking`), rather than widen the pill and move the controls beside it.
 */
export function SeekingStatus({ toMs }: { toMs: number }) {
  return (
    <span className="status-words">
      seeking to <span className="status-target">{formatMoment(toMs)}</span>
    </span>
  );
}
