// The two runs' colours, wherever the compare view tells A from B.
import { OkabeIto } from '../theme/palette';

/** A's and B's colours on every overlaid chart (Okabe-Ito, colour-blind safe). */
export const PANE_COLORS = [OkabeIto.blue, OkabeIto.orange] as const;
