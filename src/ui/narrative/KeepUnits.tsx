// Numbers kept on one line with their units in the story's text (the runs: unitRuns.ts), and the
// shipped scenarios it names by file as links (scenarioRefs.ts, ScenarioRefLink.tsx).
import { unitRuns } from './unitRuns';
import { scenarioRefRuns } from './scenarioRefs';
import { ScenarioRefLink } from './ScenarioRefLink';
import { builtinIds } from '../scenarios/catalog';

/**
 * `text` with each number and its unit in a span that does not wrap (narrative.css .keep-unit);
 * the text content is unchanged, so what a test or a screen reader reads is the same, but for a
 * shipped scenario's file name (`third-party-service.json`), which reads as a link named by the
 * scenario's title in the single view.
 */
export function KeepUnits({ text }: { text: string }) {
  const runs = text.includes('.json') ? scenarioRefRuns(text, builtinIds()) : [{ text }];
  return (
    <>
      {runs.map((run, j) =>
        run.ref !== undefined ? (
          <ScenarioRefLink key={`r${j}`} id={run.ref} compare={run.compare} file={run.text} text={text} />
        ) : (
          unitRuns(run.text).map((r, i) =>
            r.keep ? (
              <span key={`${j}.${i}`} className="keep-unit">
                {r.text}
              </span>
            ) : (
              r.text
            ),
          )
        ),
      )}
    </>
  );
}
