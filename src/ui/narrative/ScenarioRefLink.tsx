// A shipped scenario named in a story's text, as a link named by its title's head (scenarioRefs.ts).
import { useContext } from 'react';
import { useStore } from 'zustand';
import { AppContext, type AppServices } from '../state/useAppStore';
import { formatT } from '../recipe/url';
import { lessonClient, pairHref } from '../compare/pairs';
import { refName } from './scenarioRefs';

/**
 * `id`'s title as a link: to `?scenario=id`, or with `compare` to the compare view of the scenario
 * open and `id` (`?compare=open,id`, with the pair's client as a ready pair has it). Both open at the
 * moment of the story step whose text holds the reference (the twins run the same clock, so the
 * same moment shows the other side of the same lesson); from the lesson, at 0 s. Outside the
 * single view (no app store: the compare view's panes) the file name stays as written.
 */
export function ScenarioRefLink({ id, compare, file, text }: { id: string; compare: boolean; file: string; text: string }) {
  const services = useContext(AppContext);
  return services ? <RefLink services={services} id={id} compare={compare} file={file} text={text} /> : <>{file}</>;
}

function RefLink({ services, id, compare, file, text }: { services: AppServices; id: string; compare: boolean; file: string; text: string }) {
  const title = useStore(services.store, (s) => s.entries.find((e) => e.id === id)?.label ?? id);
  const open = useStore(services.store, (s) => s.selectedId);
  const speedId = useStore(services.store, (s) => s.speedId);
  const at = useStore(services.store, (s) => s.info?.narrative.find((n) => n.text === text)?.at ?? 0);
  const t = at > 0 ? `&t=${formatT(at)}` : '';
  const href = compare && open && open !== id ? `${pairHref(open, id, speedId, lessonClient(open, id))}${t}` : `?scenario=${encodeURIComponent(id)}${t}`;
  const what = compare && open && open !== id ? `Open this scenario and ${file} side by side` : `Open ${file}`;
  return (
    <a className="scenario-ref" href={href} data-testid="scenario-ref" data-ref={id} title={`${what}${at > 0 ? ` at ${formatT(at)}` : ''}: ${title}`}>
      {refName(title)}
    </a>
  );
}
