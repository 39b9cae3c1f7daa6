import { SEVERITIES, type Finding, type Severity } from './types';

/** Severity order: lower is worse. */
const rank = (s: Severity) => SEVERITIES.indexOf(s);

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The report's order: by severity (errors, then warnings, then info: a person reads the finding that fails requests
 * first; trial N7 found retry-storm's one error, MS001, printed last of four), then by file, line, code, resource and
 * field; a stable order for diffs and CI.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    cmp(a.resource.file ?? '', b.resource.file ?? '') ||
    cmp(a.resource.line ?? 0, b.resource.line ?? 0) ||
    cmp(a.code, b.code) ||
    cmp(`${a.resource.kind}/${a.resource.name}`, `${b.resource.kind}/${b.resource.name}`) ||
    cmp(a.field, b.field) ||
    cmp(a.message, b.message)
  );
}

