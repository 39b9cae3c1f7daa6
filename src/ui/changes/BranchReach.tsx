// In a branch's compare view: a warning when B's change reaches no request (or only some), with
// who overrides it, and a button that opens the same branch with the change that would act (the
// same fields on the caller's own route). Asked of the reach worker (reachClient.ts), as the form does.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { CompareController } from '../compare/compareController';
import type { LiveAction } from '../../workers/protocol';
import { changeSummary } from './summary';
import type { FormReach } from './reach';
import { reachWorker, sourceOf } from './reachClient';
import { withBChange } from './branch';
import { hashNoteText, hashStanding } from './hashNote';

/** B's changes that A lacks (a branch's), each with where it reaches when it is not everywhere. */
interface Said {
  action: Extract<LiveAction, { kind: 'change' }>;
  reach: FormReach;
}

export function BranchReach({ controller }: { controller: CompareController }) {
  const [a, b] = controller.panes;
  const aActions = useStore(a.services.store, (x) => x.recipe?.actions);
  const bRecipe = useStore(b.services.store, (x) => x.recipe);
  const aStats = useStore(a.services.store, (x) => x.stats);
  const bStats = useStore(b.services.store, (x) => x.stats);
  const [said, setSaid] = useState<Said[]>([]);
  useEffect(() => {
    if (!bRecipe) return void setSaid([]);
    let live = true;
    void reachWorker()
      .branchReaches(sourceOf(bRecipe.scenario), aActions ?? [], bRecipe.actions)
      .then((found) => {
        if (!live) return;
        setSaid(found.flatMap(({ index, reach }) => {
          const action = bRecipe.actions[index];
          return action.kind === 'change' ? [{ action, reach }] : [];
        }));
      });
    return () => void (live = false);
  }, [aActions, bRecipe]);
  // Labelled as such everywhere B is named (sideLabel): a branch whose every change reaches no request.
  const changes = bRecipe?.actions.filter((x) => x.kind === 'change' && !(aActions ?? []).some((y) => JSON.stringify(y) === JSON.stringify(x))).length ?? 0;
  const noEffect = changes > 0 && said.length === changes && said.every((x) => x.reach.reach === 'none');
  useEffect(() => {
    if (controller.store.getState().branchNoEffect !== noEffect) controller.store.setState((d) => void (d.branchNoEffect = noEffect));
  }, [controller, noEffect]);
  if (said.length === 0 || !bRecipe) return null;
  // Checked on the panes' counters, not assumed: B's hash against A's at the same moment (hashNote.ts).
  const standing = noEffect ? hashStanding(aStats, bStats) : null;
  return (
    <section className="alert branch-reach" role="status" data-testid="branch-reach" data-reach={noEffect ? 'none' : 'some'}>
      {said.map(({ action, reach }, i) => (
        <div key={i}>
          <p>
            <strong>
              B&apos;s change ({changeSummary(action.change)}) {reach.reach === 'none' ? 'alters no request' : 'acts on some paths only'}:
            </strong>{' '}
            {reach.warning}
            {reach.owner ? ` ${reach.owner}` : ''}
            {reach.reach === 'none' && standing !== 'differ' ? ' So B runs as A does: the branch shows the no-op.' : ''}
          </p>
          {i === said.length - 1 && hashNoteText(standing, bStats, aStats) !== '' && (
            <p className="branch-hash-note" data-testid="branch-hash-note" data-standing={standing}>
              {hashNoteText(standing, bStats, aStats)}
            </p>
          )}
          {reach.alternative && (
            <button
              type="button"
              className="button button-small"
              data-testid="branch-alternative"
              title={JSON.stringify(reach.alternative)}
              onClick={() => {
                const change = action.change.at !== undefined ? { ...reach.alternative!, at: action.change.at } : reach.alternative!;
                location.assign(`${location.pathname}${withBChange(location.search, location.hash, bRecipe.actions, action, change)}`);
              }}
            >
              Branch with {reach.alternativeLabel} instead
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
