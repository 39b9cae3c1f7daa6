// A compare pane's title says each name once (session 54, X4; trial T5, 9).
import { describe, expect, it } from 'vitest';
import { paneTitleTail } from '../../src/ui/compare/sideLabel';

describe('paneTitleTail', () => {
  it("leaves out an opened file's name the label already says: it was said three times", () => {
    expect(paneTitleTail('A · my-shop-gw-retry', 'my-shop-gw-retry', 'my-shop-gw-retry')).toBe('');
  });
  it("keeps a ready-made scenario's title, its id left out where the label has it", () => {
    expect(paneTitleTail('A · gateway-only', 'Gateway only: policy at the edge', 'gateway-only')).toBe(' — Gateway only: policy at the edge');
  });
  it('keeps title and id in a branch, whose label names the change', () => {
    expect(paneTitleTail('B · with timeout 5ms on payments at 15.0 s', 'Retry storm', 'retry-storm')).toBe(' — Retry storm (retry-storm)');
  });
  it('drops an id the title holds (case aside), and an empty title', () => {
    expect(paneTitleTail('B · as run', 'My-Shop v2', 'my-shop')).toBe(' — My-Shop v2');
    expect(paneTitleTail('B · as run', '', 'my-shop')).toBe(' — my-shop');
  });
});
