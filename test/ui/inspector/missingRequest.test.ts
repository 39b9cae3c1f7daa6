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
    expect(missingRequestNote(81, 81)).toBe('request #81 is no longer kept: the app keeps only the newest sampled and failed requests');
    expect(missingRequestNote(3, 4001)).toMatch(/^request #3 is no longer kept/);
  });

  it('says so in the panel: request #1481 picked at 36 s, then a seek back to 2 s where the newest kept is #81', async () => {
    bindInspector(workerKeeping([81, 61, 41, 21, 1]));
    await openInspector({ kind: 'request', id: 1481 });
    expect(inspectorStore.getState().message).toBe('request #1481 is not sent yet at this moment: the run is before it (pick one from the list, or run on)');
    expect(inspectorStore.getState().trace).toBeNull();
    bindInspector(workerKeeping([4001, 3981]));
    await openInspector({ kind: 'request', id: 1481 });
    expect(inspectorStore.getState().message).toMatch(/^request #1481 is no longer kept/);
    closeInspector();
  });
});
