import { describe, expect, it } from 'vitest';
import { clearBox, emptyBox, fillSquare, frameSquare, parsePixelColour, pixelColour } from '../../src/ui/traffic/dotRaster';
import { Meaning } from '../../src/ui/theme/palette';

/** The bitmap's pixels as rows of '.' (transparent) and '#' (any colour), for reading a test. */
const rows = (px: Uint32Array, w: number) => Array.from({ length: px.length / w }, (_, y) => Array.from(px.subarray(y * w, (y + 1) * w), (v) => (v === 0 ? '.' : '#')).join(''));

describe('the many-dots bitmap', () => {
  it('stores #rrggbb as opaque RGBA bytes in memory order (ImageData): the request blue #0072B2 is R 0, G 114, B 178, A 255', () => {
    const px = new Uint32Array([pixelColour(Meaning.request)]);
    expect([...new Uint8ClampedArray(px.buffer)]).toEqual([0x00, 0x72, 0xb2, 0xff]);
    expect(() => pixelColour('blue')).toThrow('pixelColour: "blue" is not #rrggbb');
    // A theme's ink read from CSS may be any colour syntax: the rings are then drawn as circles.
    expect(parsePixelColour(' #0F172A ')).toBe(pixelColour('#0f172a'));
    expect(parsePixelColour('rgb(15, 23, 42)')).toBeNull();
  });

  it('fills a square of the given side centred on the point, on the pixel grid, and grows the written box by it', () => {
    const px = new Uint32Array(8 * 6);
    const box = emptyBox();
    fillSquare(px, 8, 6, 3, 2.4, 3, 1, box);
    // x from round(3 - 1.5) = 2 for 3 pixels, y from round(2.4 - 1.5) = 1.
    expect(rows(px, 8)).toEqual(['........', '..###...', '..###...', '..###...', '........', '........']);
    expect(box).toEqual({ x0: 2, y0: 1, x1: 5, y1: 4 });
    fillSquare(px, 8, 6, 6, 4, 2, 2, box);
    expect(rows(px, 8)).toEqual(['........', '..###...', '..###...', '..#####.', '.....##.', '........']);
    expect(box).toEqual({ x0: 2, y0: 1, x1: 7, y1: 5 });
  });

  it('clips a square at the edges and writes nothing for one wholly outside, the box unchanged', () => {
    const px = new Uint32Array(5 * 4);
    const box = emptyBox();
    fillSquare(px, 5, 4, 0, 0, 4, 1, box);
    expect(rows(px, 5)).toEqual(['##...', '##...', '.....', '.....']);
    fillSquare(px, 5, 4, 20, 2, 4, 1, box);
    fillSquare(px, 5, 4, 2, -9, 4, 1, box);
    expect(box).toEqual({ x0: 0, y0: 0, x1: 2, y1: 2 });
  });

  it("frames a sampled dot's square with a ring one pixel wide, hollow, the dot inside it untouched", () => {
    const px = new Uint32Array(9 * 9);
    const box = emptyBox();
    fillSquare(px, 9, 9, 4.5, 4.5, 3, 1, box);
    frameSquare(px, 9, 9, 4.5, 4.5, 7, 1, 2, box);
    const text = Array.from({ length: 9 }, (_, y) => Array.from(px.subarray(y * 9, y * 9 + 9), (v) => '.12'[v]).join(''));
    expect(text).toEqual(['.........', '.2222222.', '.2.....2.', '.2.111.2.', '.2.111.2.', '.2.111.2.', '.2.....2.', '.2222222.', '.........']);
    expect(box).toEqual({ x0: 1, y0: 1, x1: 8, y1: 8 });
  });

  it('clears exactly the written box to transparent and empties it, so the next frame starts blank', () => {
    const px = new Uint32Array(6 * 6);
    const box = emptyBox();
    fillSquare(px, 6, 6, 2, 2, 2, 7, box);
    fillSquare(px, 6, 6, 4.5, 4.5, 3, 9, box);
    expect(px.filter((v) => v !== 0).length).toBe(4 + 9);
    clearBox(px, 6, box);
    expect(px.every((v) => v === 0)).toBe(true);
    expect(box.x1 <= box.x0).toBe(true);
  });
});
