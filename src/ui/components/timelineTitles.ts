// What the timeline's markers say on hover and to a screen reader. Every time on the timeline is
// written as the clock writes it (formatClock: cut down to its last digit, never rounded up to a
// time not reached), so a marker's title reads what the clock reads after a click on it.
import { formatClock } from '../format';
import { faultName, faultWhere } from '../faults/faultName';

/** A step marker's title: "2. The CA is out (10.0 s)". Its time as the clock reads it there. Pure. */
export function stepMarkerTitle(index: number, step: { title: string; at: number }): string {
  return `${index + 1}. ${step.title} (${formatClock(step.at)})`;
}

/** A fault handle's title, its kind in the form's words: "kill one replica on payments-0 (12.0 s): click to go there". Pure. */
export function faultMarkerTitle(f: { type: string; target: string; startMs: number }): string {
  return `${faultName(f.type)} ${faultWhere(f.type, f.target)} (${formatClock(f.startMs)}): click to go there`;
}

/** A fault handle's name for a screen reader: "kill one replica on payments-0 at 12.0 s". Pure. */
export function faultMarkerLabel(f: { type: string; target: string; startMs: number }): string {
  return `${faultName(f.type)} ${faultWhere(f.type, f.target)} at ${formatClock(f.startMs)}`;
}

/**
 * A shared handle's title (three or more faults starting at one moment, handleGroups), one fault
 * a line: "3 faults from 12.0 s: click to go there" then "kill one replica on payments-0"... Pure.
 */
export function sharedMarkerTitle(fs: readonly { type: string; target: string; startMs: number }[]): string {
  return [`${fs.length} faults from ${formatClock(fs[0].startMs)}: click to go there`, ...fs.map((f) => `${faultName(f.type)} ${faultWhere(f.type, f.target)}`)].join('\n');
}

/** A shared handle's name for a screen reader: "3 faults at 12.0 s: kill one replica on payments-0, ...". Pure. */
export function sharedMarkerLabel(fs: readonly { type: string; target: string; startMs: number }[]): string {
  return `${fs.length} faults at ${formatClock(fs[0].startMs)}: ${fs.map((f) => `${faultName(f.type)} ${faultWhere(f.type, f.target)}`).join(', ')}`;
}
