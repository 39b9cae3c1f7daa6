import { describe, expect, it } from 'vitest';
import type { InspectorApi } from '../../../src/ui/inspector/inspectorStore';
import { bindInspector, closeInspector, inspectorStore, missingRequestNote, openInspector } from '../../../src/ui/inspector/inspectorStore';
import type { TraceSummary } from '../../../src/workers/protocol';

/** A worker whose tracer keeps the requests numbered `kept` (newest first), with no spans for any. */
function workerKeeping(kept: number[]): InspectorApi {
  return {
    inspectNode: async () => null,
    inspectEdge: async () => null,
    requestSpans: async () => null,
    sampledRequests: async (options) => kept.slice(0, options?.limit ?? 50).map((id) => ({ id }) as TraceSummary),
  };
}

describe('a request the inspector no longer finds', () => {
  it('is "not sent yet" when the run was sought back before it, and "no longer kept" when it dropped out', () => {
    expect(missingRequestNote(1481, 81)).toBe('request #1481 is not sent yet at this moment: the run is before it (pick one from the list, or run on)');
    expect(missingRequestNote(5, null)).toMatch(/^request #5 is not sent yet/);
    // #81 is not one of the 1 in 20 (sampledOneIn(80, 20) is false); #1, the run's first, always is.
    expect(missingRequestNote(81, 81)).toMatch(/^request #81 is not kept: it is not one of the 1 in 20 kept when sent, and the app keeps besides only the last 150 failed and the last 50 retried ones/);
    expect(missingRequestNote(1, 4001)).toBe('request #1 is no longer kept: the app keeps only the newest 200 of the 1 in 20 sampled');
    // Known sent (an Events row of it): never "not sent yet".
    expect(missingRequestNote(1481, 81, true)).toMatch(/^request #1481 is (not|no longer) kept/);
  });

  it('says so in the panel: request #1481 picked at 36 s, then a seek back to 2 s where the newest kept is #81', async () => {
    bindInspector(workerKeeping([81, 61, 41, 21, 1]));
    await openInspector({ kind: 'request', id: 1481 });
    expect(inspectorStore.getState().message).toBe('request #1481 is not sent yet at this moment: the run is before it (pick one from the list, or run on)');
    expect(inspectorStore.getState().trace).toBeNull();
    bindInspector(workerKeeping([4001, 3981]));
    await openInspector({ kind: 'request', id: 1481 });
    // (#1481 is not one of the 1 in 20 the app keeps when sent.)
    expect(inspectorStore.getState().message).toMatch(/^request #1481 is not kept: it is not one of the 1 in 20/);
    closeInspector();
  });
});
