import { describe, expect, it } from 'vitest';
import { entryScroll } from '../../src/ui/narrative/entryScroll';

// Places measured in presenter mode at 1024x768 (a 625 px column; the title from 59 px, the
// eyebrow above it) and 1600x1000 (844 px).
describe('the story column on entering presenter mode', () => {
  it('starts at its top, eyebrow and title whole, when all the step wants shown fits from there', () => {
    // two-meshes-direct at 1024x768: its text ends at 470 px.
    expect(entryScroll(0, 59, 309, 470, 625, 40)).toBe(0);
    // Brought into view further down, it comes back up: nothing gained by the scroll.
    expect(entryScroll(28, 59, 334, 600, 625, 40)).toBe(0);
  });

  it("starts at the title's top, the eyebrow wholly out rather than cut, when the step runs below: the title and the step's first line show", () => {
    // gateway-and-mesh at 1024x768: bringing the step in left it at 28 px, the eyebrow (18-53) cut; its text ends at 654.
    expect(entryScroll(28, 59, 334, 654, 625, 40)).toBe(59);
    // retry-storm at 1024x768: its question ends at 1,103 px; the step alone put the column at 165, the title gone.
    expect(entryScroll(165, 59, 332, 1103, 625, 40)).toBe(59);
    // retry-storm at 1600x1000: at 80 px its title's first line was cut by 33 px.
    expect(entryScroll(80, 47, 286, 923, 844, 40)).toBe(47);
    // On a whole pixel at or above it: a scrollTop of 59 under a title at 58.7 px cut its top.
    expect(entryScroll(165, 58.7, 332, 1103, 625, 40)).toBe(58);
  });

  it("keeps the step's head at the top when even its first line would not show under the title", () => {
    expect(entryScroll(400, 59, 660, 900, 625, 40)).toBe(400);
    // The first line just above the cue's room still counts as shown.
    expect(entryScroll(400, 59, 644, 900, 625, 40)).toBe(59);
  });
});
