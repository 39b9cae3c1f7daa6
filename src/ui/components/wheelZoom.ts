// Whether the wheel zooms the topology where it is drawn (camera.ts WheelZoom): the single view
// leaves it 'always'; a compare pane, on a page that scrolls, provides 'modifier'.
import { createContext } from 'react';
import type { WheelZoom } from '../topology/camera';

/** The wheel's rule for the TopologyViews below; 'always' unless a compare pane says otherwise. */
export const WheelZoomContext = createContext<WheelZoom>('always');

/** What a compare pane says when the wheel is turned over it without a modifier (and its tooltip). */
export const WHEEL_ZOOM_HINT = 'Ctrl + wheel (⌘ + wheel, or a pinch) zooms the picture; the wheel alone scrolls the page';
