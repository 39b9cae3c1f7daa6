// A link's problems as `param: message` lines, each with its one-click fix where a name was near a shipped one.
import type { LinkProblem } from '../state/store';

/**
 * The `<ul className="problems">` of a link's problems: `path: message`, then "Open X with the rest of this link"
 * where the problem carries a meantLink (a full load: the link's moment, faults and seed were meant for that name;
 * trial N10, T4's 8). The single view's header and the compare view both show it.
 */
export function LinkProblemList({ problems }: { problems: readonly LinkProblem[] }) {
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i}>
          <code>{p.path}</code>: {p.message}
          {p.meantLink && (
            <>
              {' '}
              <a href={p.meantLink.href} data-testid="link-meant">
                Open {p.meantLink.id} with the rest of this link
              </a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
