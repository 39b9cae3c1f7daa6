import { describe, expect, it } from 'vitest';
import { zoomFilter } from '../../src/ui/topology/camera';

const ev = (type: string, mods: { ctrlKey?: boolean; metaKey?: boolean; button?: number } = {}) => ({ type, ctrlKey: false, metaKey: false, button: 0, ...mods });

describe("the camera's zoom filter", () => {
  it("lets the wheel zoom a compare pane only with Ctrl or ⌘ (a pinch sends Ctrl), so the page scrolls past it", () => {
    const pane = zoomFilter('modifier');
    expect(pane(ev('wheel'))).toBe(false);
    expect(pane(ev('wheel', { ctrlKey: true }))).toBe(true);
    expect(pane(ev('wheel', { metaKey: true }))).toBe(true);
    // Dragging still pans, as d3-zoom's default allows; Ctrl-drag and other buttons do not.
    expect(pane(ev('mousedown'))).toBe(true);
    expect(pane(ev('mousedown', { ctrlKey: true }))).toBe(false);
    expect(pane(ev('mousedown', { button: 2 }))).toBe(false);
  });

  it('keeps the single view zooming with the wheel alone, as before', () => {
    const single = zoomFilter('always');
    expect(single(ev('wheel'))).toBe(true);
    expect(single(ev('wheel', { ctrlKey: true }))).toBe(true);
    expect(single(ev('mousedown'))).toBe(true);
  });
});
