// Where the inspector's panel goes when it cannot sit beside the picture it asks about: the
// compare view at 1,100 px or less and in presenter mode, where a pane is about 496 px wide and
// the panel's 320 px beside the picture left it 176, which compare's 12 px text rule then drew as
// group tiles (session 20). There the panel is drawn over the other pane instead, and says whose
// run it asks about. Plain data and a React context; no drawing.
import { createContext, type ReactNode } from 'react';

/** A place outside the stage for the inspector's panel (a React portal keeps the stage's context). */
export interface InspectorDock {
  /** The element the panel is drawn into. */
  readonly target: HTMLElement;
  /** What the panel says it asks about, under its header ("B · retry-storm-fixed"), with any way to move it. */
  readonly about: ReactNode;
}

/** The dock for the inspector of the stage below it; null: the panel sits in the stage, beside the picture. */
export const InspectorDockContext = createContext<InspectorDock | null>(null);
