import { describe, expect, it } from 'vitest';
import { uncutTitle } from '../../src/ui/narrative/entryScroll';

// After a story move in presenter mode the scenario title is whole or wholly above the view
// (N3's trial, 6e: zone-failover's step 3 at 1024x768 showed "over, come back" of its title).
describe('the story column after a story move', () => {
  it('leaves a scroll that shows the title whole, or none of it, alone', () => {
    expect(uncutTitle(0, 10, 110, 130, 900, 620)).toBe(0);
    expect(uncutTitle(10, 10, 110, 130, 900, 620)).toBe(10);
    expect(uncutTitle(110, 10, 110, 130, 900, 620)).toBe(110);
    expect(uncutTitle(300, 10, 110, 130, 900, 620)).toBe(300);
  });

  it("goes up to the title's top when the title and the step's text fit under it", () => {
    expect(uncutTitle(60, 10.6, 110, 130, 600, 620)).toBe(10);
  });

  it("goes down to the step's top when they do not: the title wholly above, not cut mid-line", () => {
    // zone-failover's step 3 at 1024x768: a title of four lines, the text ending 80 px below the view from its top.
    expect(uncutTitle(60, 10, 110, 129.4, 700, 620)).toBe(130);
  });
});
