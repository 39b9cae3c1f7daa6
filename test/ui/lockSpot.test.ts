import { describe, expect, test } from 'vitest';
import { LOCK_CLEAR, lockSpots } from '../../src/ui/topology/lockSpot';

/** A straight line from a to b as n + 1 points. */
const line = (ax: number, ay: number, bx: number, by: number, n = 40) => Array.from({ length: n + 1 }, (_, i) => ({ x: ax + ((bx - ax) * i) / n, y: ay + ((by - ay) * i) / n }));

describe('where a padlock sits along its link', () => {
  test('at the middle of a link no other passes near', () => {
    expect(lockSpots([line(0, 0, 200, 0), line(0, 100, 200, 100)])).toEqual([20, 20]);
  });

  test('off a crossing at its middle, to a point of its middle half clear of the other link', () => {
    const a = line(0, 0, 200, 0);
    const b = line(100, -100, 100, 100);
    const [spot] = lockSpots([a, b]);
    expect(spot).not.toBe(20);
    expect(Math.abs(spot - 20)).toBeLessThanOrEqual(10);
    expect(Math.abs(a[spot].x - 100)).toBeGreaterThanOrEqual(LOCK_CLEAR);
  });

  test('three links through one point: each lock moves off it', () => {
    const links = [line(0, 0, 200, 200), line(0, 200, 200, 0), line(100, -50, 100, 250)];
    const spots = lockSpots(links);
    spots.forEach((s, i) => expect(Math.hypot(links[i][s].x - 100, links[i][s].y - 100), `link ${i}`).toBeGreaterThan(LOCK_CLEAR - 1));
  });
});
