// Numbers kept on one line with their units in the story's text (the runs: unitRuns.ts), the
// shipped scenarios it names by file as links (scenarioRefs.ts, ScenarioRefLink.tsx), and its
// jargon as glossary terms (glossary/glossaryMatch.ts, GlossTerm.tsx).
import { unitRuns } from './unitRuns';
import { scenarioRefRuns } from './scenarioRefs';
import { ScenarioRefLink } from './ScenarioRefLink';
import { builtinIds } from '../scenarios/catalog';
import { glossaryRuns } from '../glossary/glossaryMatch';
import { GlossTerm } from '../glossary/GlossTerm';
import { useGlossary } from '../glossary/useGlossary';

/** `text`'s numbers with their units kept whole (narrative.css .keep-unit); keys under `key`. */
function units(text: string, key: string) {
  return unitRuns(text).map((r, i) =>
    r.keep ? (
      <span key={`${key}.${i}`} className="keep-unit">
        {r.text}
      </span>
    ) : (
      r.text
    ),
  );
}

/**
 * `text` with each number and its unit in a span that does not wrap (narrative.css .keep-unit),
 * each glossary term's first use in it marked (GlossTerm: a popover on hover, click and focus;
 * each text a block of its own: a term marked in a step's title is marked again in its text, in
 * the next step and in a figure's label, so whatever a person reads now explains it; once the
 * glossary's chunk has loaded, useGlossary),
 * and a shipped scenario's file name (`third-party-service.json`) a link named by the scenario's
 * title in the single view. The words are unchanged but for those file names.
 */
export function KeepUnits({ text }: { text: string }) {
  const runs = text.includes('.json') ? scenarioRefRuns(text, builtinIds()) : [{ text }];
  const terms = useGlossary();
  const seen = new Set<string>();
  return (
    <>
      {runs.map((run, j) =>
        run.ref !== undefined ? (
          <ScenarioRefLink key={`r${j}`} id={run.ref} compare={run.compare} file={run.text} text={text} />
        ) : (
          glossaryRuns(run.text, terms, seen).map((g, k) =>
            g.term ? (
              <GlossTerm key={`g${j}.${k}`} term={g.term}>
                {units(g.text, `${j}.${k}`)}
              </GlossTerm>
            ) : (
              units(g.text, `${j}.${k}`)
            ),
          )
        ),
      )}
    </>
  );
}
