import { describe, expect, it } from 'vitest';
import { REPLICA_ROW, REPLICA_TEXT_PX, replicaGrid } from '../../src/ui/topology/replicaGrid';
import { foldedSummary, replicaCardBox } from '../../src/ui/topology/replicaCards';

describe('replica cards at any scale', () => {
  it('are three full-size cards a row at scale 1 or more, as before', () => {
    const g = replicaGrid(5, 196, 1.2);
    expect(g).toMatchObject({ folded: false, perRow: 3, rows: 2, cardH: REPLICA_ROW - 8, rowH: REPLICA_ROW, stateFont: 12, figureFont: 11 });
    expect(replicaCardBox(4, 196, 96, g)).toEqual(replicaCardBox(4, 196, 96));
  });

  it('grow below scale 1 so their text stays 11 px or more on screen, fewer to a row', () => {
    const scale = 0.58;
    const g = replicaGrid(2, 196, scale);
    expect(g.folded).toBe(false);
    expect(g.figureFont * scale).toBeCloseTo(REPLICA_TEXT_PX.figure, 9);
    expect(g.stateFont * scale).toBeGreaterThanOrEqual(11);
    expect(g.cardH * scale).toBeGreaterThanOrEqual(10);
    expect(g.perRow).toBe(1);
    expect(g.rows).toBe(2);
    // Each card still fits in the box's width.
    expect(g.perRow * g.cardW + (g.perRow - 1) * 6).toBeCloseTo(196, 9);
  });

  it('fold into one card with their count when two rows cannot hold them', () => {
    const g = replicaGrid(3, 196, 0.58);
    expect(g).toMatchObject({ folded: true, rows: 1, perRow: 1, cardW: 196 });
    expect(g.cardH * 0.58).toBeGreaterThanOrEqual(10);
  });

  it('a folded card counts replicas by state and sums their workers and queue', () => {
    const r = { index: 0, host: 'h', state: 'up' as const, slowdown: 1, busy: 3, concurrency: 8, queued: 0, utilization: 0.4, served: 3, proxy: null, ejectedBy: [] };
    const info = {
      id: 1,
      name: 'orders',
      kind: 'service',
      replicas: [r, { ...r, state: 'down' as const, busy: 0 }, { ...r, busy: 8, queued: 1234, ejectedBy: [{ callerHost: 'x', untilMs: 5000 }] }],
    } as unknown as Parameters<typeof foldedSummary>[0];
    expect(foldedSummary(info)).toEqual({ count: '3 replicas', states: '1 up · 1 ejected · 1 down', load: 'busy 11/24 · 1,234 queued' });
  });
});
