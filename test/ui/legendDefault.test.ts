import { describe, expect, it } from 'vitest';
import { legendOpenByDefault } from '../../src/ui/components/legendDefault';

describe('the legend open or folded by default', () => {
  it('opens on a 1600x1000 or 1440x900 window, folds at 1280x720 and 1024x768 and in presenter mode', () => {
    expect(legendOpenByDefault(1600, 1000, false)).toBe(true);
    expect(legendOpenByDefault(1440, 900, false)).toBe(true);
    expect(legendOpenByDefault(1280, 720, false)).toBe(false);
    expect(legendOpenByDefault(1024, 768, false)).toBe(false);
    expect(legendOpenByDefault(1600, 1000, true)).toBe(false);
  });

  it('folds at 1600x1000 while the drawer (Charts, Events, Ownership) is open, and stays open with it from 1150 px tall, where the drawer opens by default', () => {
    expect(legendOpenByDefault(1600, 1000, false, true)).toBe(false);
    expect(legendOpenByDefault(1920, 1149, false, true)).toBe(false);
    expect(legendOpenByDefault(1920, 1200, false, true)).toBe(true);
    expect(legendOpenByDefault(1920, 1200, true, true)).toBe(false);
  });

  it('folds while the inspector shows a request, even at 1920x1200 with the drawer shut (the picture is 60% wide there), and opens again without one', () => {
    expect(legendOpenByDefault(1600, 1000, false, false, true)).toBe(false);
    expect(legendOpenByDefault(1920, 1200, false, false, true)).toBe(false);
    expect(legendOpenByDefault(1920, 1200, false, false, false)).toBe(true);
  });
});
