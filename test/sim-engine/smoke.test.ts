import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim-engine';

describe('Simulation', () => {
  it('runs an event scheduled in the future at its time', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.addActor((id) => ({ id, name: 'a', receive: () => seen.push(sim.now) }));
    sim.schedule(5, 1, 0);
    sim.runUntil(10);
    expect(seen).toEqual([5]);
    expect(sim.now).toBe(10);
  });
});
