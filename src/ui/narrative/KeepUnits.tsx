// Numbers kept on one line with their units in the story's text (the runs: unitRuns.ts).
import { unitRuns } from './unitRuns';

/**
 * `text` with each number and its unit in a span that does not wrap (narrative.css .keep-unit);
 * the text content is unchanged, so what a test or a screen reader reads is the same.
 */
export function KeepUnits({ text }: { text: string }) {
  return (
    <>
      {unitRuns(text).map((r, i) =>
        r.keep ? (
          <span key={i} className="keep-unit">
            {r.text}
          </span>
        ) : (
          r.text
        ),
      )}
    </>
  );
}
