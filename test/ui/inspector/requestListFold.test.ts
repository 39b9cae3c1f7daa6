import { describe, expect, it } from 'vitest';
import type { InspectorApi } from '../../../src/ui/inspector/inspectorStore';
import { bindInspector, followOnly, followRequests, forgetInspectTarget, inspectorStore, openInspector, unfoldRequestList } from '../../../src/ui/inspector/inspectorStore';
import type { TraceSummary } from '../../../src/workers/protocol';

/** A worker that answers at once: two kept requests, no spans, no figures. */
const worker: InspectorApi = {
  inspectNode: async () => null,
  inspectEdge: async () => null,
  requestSpans: async () => null,
  sampledRequests: async () => [{ id: 40 }, { id: 20 }] as TraceSummary[],
};

describe('the request list folded under a picked request', () => {
  it('folds when a request is opened, stays folded through the panel refreshing the list, and unfolds on the person turning to the list', async () => {
    // The store is the module's: another file in the same worker (vitest's shared project) may have
    // picked a request before. Another scenario opened forgets it, as here.
    forgetInspectTarget();
    bindInspector(worker);
    await followRequests(true, null);
    expect(inspectorStore.getState().listFolded).toBe(false);
    await openInspector({ kind: 'request', id: 40 });
    expect(inspectorStore.getState().listFolded).toBe(true);
    // The panel asks for the list again after each seek or step while paused: the fold stays.
    await followRequests();
    expect(inspectorStore.getState().listFolded).toBe(true);
    unfoldRequestList();
    expect(inspectorStore.getState().listFolded).toBe(false);
    // Another request picked (from the list, a dot or an Events row) folds it again; a node does not.
    await openInspector({ kind: 'request', id: 20 });
    expect(inspectorStore.getState().listFolded).toBe(true);
    // A cause chip or the "Show only" select is a turn to the list.
    await followOnly('timeout');
    expect(inspectorStore.getState()).toMatchObject({ listFolded: false, only: 'timeout' });
    await openInspector({ kind: 'node', id: 1 });
    expect(inspectorStore.getState().listFolded).toBe(false);
    // Another scenario opened while a request is picked: no request is picked, so no fold under one.
    await openInspector({ kind: 'request', id: 40 });
    expect(inspectorStore.getState().listFolded).toBe(true);
    forgetInspectTarget();
    expect(inspectorStore.getState()).toMatchObject({ listFolded: false, target: null });
  });
});
