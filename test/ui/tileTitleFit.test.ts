// Tile titles fit inside their tiles (N3's trial, 6a: at 1024x768 "svc 000–099 · 100" ran past its
// tile's right edge): a count the range says is left out, then the type steps down to 10 px
// before the name would be cut; a one-node tile's name still runs over the gap beside it.
import { describe, expect, it } from 'vitest';
import { fitTileTitle, withoutImpliedCount, type TitlePart } from '../../src/ui/topology/canvasLabels';

const title = (name: string, count: string, rate?: string): TitlePart[] => [
  { text: name, kind: 'name' },
  { text: count, kind: 'count' },
  ...(rate ? [{ text: rate, kind: 'rate' as const }] : []),
];
/** 0.6 of the size a character: a stand-in for the canvas's measureText. */
const measureAt = (t: string, px: number) => 0.6 * px * t.length;
const text = (r: { runs: TitlePart[] }) => r.runs.map((x) => x.text).join('');

describe('a tile title fits inside its tile', () => {
  it('leaves out a count its name’s range already says, and only that one', () => {
    expect(withoutImpliedCount(title('svc 000–099', '100', '7,003 req/s')).map((p) => p.text)).toEqual(['svc 000–099', '7,003 req/s']);
    expect(withoutImpliedCount(title('svc 000–099', '99')).map((p) => p.text)).toEqual(['svc 000–099', '99']);
    expect(withoutImpliedCount(title('fortio 1000–1999', '1,000')).map((p) => p.text)).toEqual(['fortio 1000–1999']);
    expect(withoutImpliedCount(title('default', '12')).map((p) => p.text)).toEqual(['default', '12']);
  });

  it('keeps its size while the name fits whole, what follows dropped with no "…" (N9: it read as a name cut)', () => {
    // "svc 000–099" is 11 characters, 79.2 px at 12 px.
    const r = fitTileTitle(title('svc 000–099', '100', '7,003 req/s'), 94, 400, 12, measureAt);
    expect(r).toEqual({ runs: expect.anything(), px: 12 });
    expect(text(r)).toBe('svc 000–099');
  });

  it('takes the rate\'s short form where the whole rate does not fit, before dropping it', () => {
    const parts: TitlePart[] = [...title('svc 000–099', '100'), { text: '7,028 req/s', short: '7.0k/s', kind: 'rate' }];
    // "svc 000–099 · 7,028 req/s" is 25 characters (180 px at 12 px); "svc 000–099 · 7.0k/s" 20 (144 px).
    expect(text(fitTileTitle(parts, 200, 400, 12, measureAt))).toBe('svc 000–099 · 7,028 req/s');
    const r = fitTileTitle(parts, 150, 400, 12, measureAt);
    expect([text(r), r.px]).toEqual(['svc 000–099 · 7.0k/s', 12]);
    expect(r.runs.map((x) => x.kind)).toEqual(['name', 'plain', 'rate']);
    expect(text(fitTileTitle(parts, 100, 400, 12, measureAt))).toBe('svc 000–099');
  });

  it('steps the size down, not below 10 px, before the name would be cut', () => {
    // "fortio 000–099" is 14 characters: 100.8 px at 12, 92.4 at 11, 84 at 10.
    const r = fitTileTitle(title('fortio 000–099', '100'), 93, 400, 12, measureAt);
    expect([text(r), r.px]).toEqual(['fortio 000–099', 11]);
    const tight = fitTileTitle(title('fortio 000–099', '100'), 85, 400, 12, measureAt);
    expect([text(tight), tight.px]).toEqual(['fortio 000–099', 10]);
  });

  it('lets a name too long for its tile even at 10 px run over the gap beside it, at its own size', () => {
    const r = fitTileTitle(title('control planes', '1'), 12, 200, 12, measureAt);
    expect([text(r), r.px]).toEqual(['control planes · 1', 12]);
  });

  it('never drops the share failed to keep a title inside its tile: it runs over the gap, at its own size', () => {
    const failing: TitlePart[] = [
      { text: 'api', kind: 'name' },
      { text: '2', kind: 'count' },
      { text: '100% failed', kind: 'failed' },
    ];
    // "api" fits the 30 px tile at 12 px (21.6 px); "api · 100% failed …" does not: over the gap.
    const r = fitTileTitle(failing, 30, 400, 12, measureAt);
    expect([text(r), r.px]).toEqual(['api · 2 · 100% failed', 12]);
    expect(r.runs.find((x) => x.kind === 'failed')?.text).toBe('100% failed');
    // Room in the tile for the name and the alarm at a smaller size: it stays inside.
    const inside = fitTileTitle(failing, 140, 400, 12, measureAt);
    expect(inside.runs.some((x) => x.kind === 'failed')).toBe(true);
  });
});
