import { describe, expect, it } from 'vitest';
import { injectPending, injectsSettled, trackInject } from '../../src/ui/compare/pendingInjects';

describe('a branch waits for the injection just sent', () => {
  it('injectsSettled resolves after the injection taken, not before, and after one refused too', async () => {
    const order: string[] = [];
    let take!: () => void;
    const taken = trackInject(new Promise<void>((r) => (take = r)).then(() => void order.push('taken')));
    expect(injectPending()).toBe(true);
    const waited = injectsSettled().then(() => order.push('branch'));
    await Promise.resolve();
    expect(order).toEqual([]);
    take();
    await waited;
    await taken;
    expect(order).toEqual(['taken', 'branch']);
    expect(injectPending()).toBe(false);
    const refused = trackInject(Promise.reject(new Error('worker gone')));
    await injectsSettled();
    await expect(refused).rejects.toThrow('worker gone');
    expect(injectPending()).toBe(false);
  });

  it('with nothing sent it resolves at once', async () => {
    await expect(injectsSettled()).resolves.toBeUndefined();
  });
});
