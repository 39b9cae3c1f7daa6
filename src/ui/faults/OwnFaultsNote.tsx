// Under the scenario's title: the faults the person injected, when the run holds any (trial N12,
// 5). A share link or a seek can put a participant at a moment made by someone's injected fault;
// at 1024x768 the fault list that says so lies far below the story. A click brings the list into
// view. In the column, so the picture keeps its size; not in presenter mode (its 14 px text floor
// and the picture's room come first there).
import { useAppStore } from '../state/useAppStore';
import { ownFaultsLine } from './ownFaultsLine';
import { faultFamily } from './faultName';
import { faultOwner } from './faultOwner';
import './ownFaults.css';

/**
 * The line (ownFaultsLine: the person's injected faults and config changes) as a button to the
 * fault list (to the config-change panel when the run holds only changes); nothing when the person
 * injected no fault and made no change in this run.
 */
export function OwnFaultsNote() {
  const line = useAppStore((s) => (s.presenter ? null : ownFaultsLine(s.faults, s.recipe?.actions)));
  const first = useAppStore((s) => s.faults.find((f) => faultOwner(f) === 'yours')?.type);
  if (line === null) return null;
  const toList = () => {
    if (first === undefined) return document.querySelector<HTMLElement>('[data-testid="change-panel"]')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    const list = document.querySelector<HTMLElement>('[data-testid="fault-list"]');
    list?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    list?.querySelector<HTMLElement>('[data-owner="yours"]')?.classList.add('fault-pointed');
  };
  return (
    <button type="button" className="own-faults-note" data-testid="own-faults-note" data-fault-family={faultFamily(first ?? '')} title="Not in the scenario's file: injected or changed by whoever made this run, kept in its link. Click to see it in the fault list." onClick={toList}>
      {line}
    </button>
  );
}
