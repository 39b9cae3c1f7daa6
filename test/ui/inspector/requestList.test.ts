import { describe, expect, it } from 'vitest';
import type { InspectorApi } from '../../../src/ui/inspector/inspectorStore';
import { bindInspector, closeInspector, followRequests, inspectorStore } from '../../../src/ui/inspector/inspectorStore';
import type { TraceSummary } from '../../../src/workers/protocol';

/** A worker whose answers to sampledRequests wait until released, in the order asked. */
function slowWorker() {
  const pending: { failedOnly: boolean; release: () => void }[] = [];
  const api: InspectorApi = {
    inspectNode: async () => null,
    inspectEdge: async () => null,
    requestSpans: async () => null,
    sampledRequests: (options) =>
      new Promise<TraceSummary[]>((resolve) => {
        const failedOnly = options?.failedOnly ?? false;
        // Failed-only lists #288; the whole list #291 (newer, sampled) then #288.
        const rows = (failedOnly ? [288] : [291, 288]).map((id) => ({ id }) as TraceSummary);
        pending.push({ failedOnly, release: () => resolve(rows) });
      }),
  };
  return { api, pending };
}

describe('"Follow a request" list', () => {
  it('is marked listing from a change of "failed only" until the worker answers, and a late answer for the old filter neither shows nor clears it', async () => {
    const { api, pending } = slowWorker();
    bindInspector(api);
    const first = followRequests(true);
    expect(inspectorStore.getState().listing).toBe(true);
    pending[0].release();
    await first;
    expect(inspectorStore.getState()).toMatchObject({ listing: false, failedOnly: true });
    expect(inspectorStore.getState().requests.map((r) => r.id)).toEqual([288]);
    // Untick, and tick again before the first answer: the old rows stay, marked busy, until the last answer.
    const untick = followRequests(false);
    const tick = followRequests(true);
    expect(inspectorStore.getState()).toMatchObject({ listing: true, failedOnly: true });
    pending[1].release();
    await untick;
    expect(inspectorStore.getState().listing).toBe(true);
    expect(inspectorStore.getState().requests.map((r) => r.id)).toEqual([288]);
    pending[2].release();
    await tick;
    expect(inspectorStore.getState().listing).toBe(false);
    closeInspector();
  });
});
