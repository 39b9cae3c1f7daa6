import { describe, expect, it } from 'vitest';
import { foldStates, MAX_FOLDS } from '../../src/ui/topology/canvasMarks';
import { ejectedText } from '../../src/ui/topology/canvasLabels';

describe('the canvas view folds a node into its replicas', () => {
  it('draws one fold per replica, down ones from the right, then the ejected ones', () => {
    expect(foldStates(3, 0, 0)).toEqual(['up', 'up', 'up']);
    expect(foldStates(3, 0, 1)).toEqual(['up', 'up', 'ejected']);
    expect(foldStates(3, 1, 1)).toEqual(['up', 'ejected', 'down']);
    expect(foldStates(2, 2, 0)).toEqual(['down', 'down']);
  });

  it('counts a replica both down and ejected as down, as the SVG view does', () => {
    // 2 replicas, 2 down, 1 "ejected": nothing is left to eject.
    expect(foldStates(2, 2, 1)).toEqual(['down', 'down']);
    expect(foldStates(3, 2, 3)).toEqual(['ejected', 'down', 'down']);
  });

  it(`shares at most ${MAX_FOLDS} folds among many replicas, and a state with any replica keeps one`, () => {
    const folds = foldStates(100, 1, 50);
    expect(folds).toHaveLength(MAX_FOLDS);
    expect(folds.filter((s) => s === 'down')).toHaveLength(1);
    expect(folds.filter((s) => s === 'ejected')).toHaveLength(4);
    expect(folds[MAX_FOLDS - 1]).toBe('down');
  });

  it('labels an ejected node as the SVG view states it', () => {
    expect(ejectedText(1, 3, '51.2 s')).toBe('1 of 3 ejected · back at 51.2 s');
  });
});
