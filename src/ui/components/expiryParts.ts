// The lazy chunk of what an expired certificate does, shown (session 45, U1; trial N14, 1): the counter strip's
// refused handshakes and the Faults list's line (ExpiredHandshakes.tsx), the fault form's "why?" and lever
// (FaultNoteMore.tsx), the timeline's first-refusal marks (FirstRefusalMarks.tsx). One chunk for the places that load it, so the first load names one file, not two.
export { default as ExpiredHandshakes, ExpiryRefusals } from './ExpiredHandshakes';
export { default as FaultNoteMore } from '../faults/FaultNoteMore';
export { default as FirstRefusalMarks } from './FirstRefusalMarks';
