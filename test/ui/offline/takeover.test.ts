import { describe, expect, it } from 'vitest';
import { reloadOnTakeover, type WorkerContainer } from '../../../src/ui/offline/takeover';

/** navigator.serviceWorker's part that reloadOnTakeover uses: a controller and controllerchange. */
function container(controller: unknown) {
  const listeners: (() => void)[] = [];
  const c: WorkerContainer & { change(): void } = {
    controller,
    addEventListener: (_type, listener) => void listeners.push(listener),
    change: () => listeners.forEach((l) => l()),
  };
  return c;
}

describe('reloadOnTakeover', () => {
  it('reloads a page its old build controlled when a newer worker takes control, however late workbox-window registers', () => {
    const sw = container({ scriptURL: 'sw.js' });
    let reloads = 0;
    reloadOnTakeover(sw, () => reloads++);
    expect(reloads).toBe(0);
    sw.change();
    expect(reloads).toBe(1);
  });

  it('reloads once when both the controller change and autoUpdate signal the same takeover', () => {
    const sw = container({ scriptURL: 'sw.js' });
    let reloads = 0;
    const onNeedReload = reloadOnTakeover(sw, () => reloads++);
    sw.change();
    onNeedReload();
    sw.change();
    expect(reloads).toBe(1);
  });

  it('leaves a first visit alone when the build’s own first worker claims it', () => {
    const sw = container(null);
    let reloads = 0;
    const onNeedReload = reloadOnTakeover(sw, () => reloads++);
    sw.change();
    expect(reloads).toBe(0);
    // autoUpdate's own signal (an update of a worker registered later) still reloads.
    onNeedReload();
    expect(reloads).toBe(1);
  });
});
