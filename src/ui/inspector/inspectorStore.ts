// The inspector's state and actions, apart from the app store: what is being inspected and the
// last answer the worker gave about it. Anyone may call `openInspector` (a click on a node, an
// edge or a dot); the panel reads the store.
import { createStore } from 'zustand/vanilla';
import type { EdgeInspect, NodeInspect, Trace, TraceSummary } from '../../workers/protocol';

/** What the inspector can show: a node, an edge (by topology id), or a request (by its id). */
export type InspectTarget = { kind: 'node'; id: number } | { kind: 'edge'; id: number } | { kind: 'request'; id: number };

/** The few worker calls the inspector makes (the comlink proxy of the sim worker has them). */
export interface InspectorApi {
  inspectNode(id: number): Promise<NodeInspect | null>;
  inspectEdge(id: number): Promise<EdgeInspect | null>;
  requestSpans(id: number): Promise<Trace | null>;
  sampledRequests(options?: { failedOnly?: boolean; limit?: number }): Promise<TraceSummary[]>;
}

export interface InspectorState {
  open: boolean;
  target: InspectTarget | null;
  node: NodeInspect | null;
  edge: EdgeInspect | null;
  trace: Trace | null;
  /** Recently kept requests ("follow a request"), newest first. */
  requests: TraceSummary[];
  failedOnly: boolean;
  /** Why there is nothing to show (a request no longer kept, say). */
  message: string | null;
}

const initial: InspectorState = { open: false, target: null, node: null, edge: null, trace: null, requests: [], failedOnly: true, message: null };

export const inspectorStore = createStore<InspectorState>()(() => ({ ...initial }));

let api: InspectorApi | null = null;
/** Bumped by every open, so a late answer about an older target is dropped; the same for the list. */
let ticket = 0;
let listTicket = 0;

/** Gives the inspector its worker (once, at start-up). */
export function bindInspector(worker: InspectorApi): void {
  api = worker;
}

/** Opens the panel on a node, an edge or a request, and asks the worker about it. */
export async function openInspector(target: InspectTarget): Promise<void> {
  inspectorStore.setState({ open: true, target, message: null, ...(target.kind === 'request' ? {} : { trace: null }) });
  await refreshInspector();
}

/** Opens the panel on its list of recent requests (failed ones first, by default). */
export async function followRequests(failedOnly = inspectorStore.getState().failedOnly): Promise<void> {
  inspectorStore.setState({ open: true, failedOnly });
  if (!api) return;
  const mine = ++listTicket;
  const requests = await api.sampledRequests({ failedOnly, limit: 30 });
  if (mine === listTicket) inspectorStore.setState({ requests });
}

export function closeInspector(): void {
  ticket++;
  inspectorStore.setState({ open: false });
}

/** Asks the worker again about the current target (the run moves on while the panel is open). */
export async function refreshInspector(): Promise<void> {
  const { target, open } = inspectorStore.getState();
  if (!api || !open || !target) return;
  const mine = ++ticket;
  switch (target.kind) {
    case 'node': {
      const node = await api.inspectNode(target.id);
      if (mine === ticket) inspectorStore.setState({ node, edge: null, message: node ? null : `no node ${target.id} in this scenario` });
      return;
    }
    case 'edge': {
      const edge = await api.inspectEdge(target.id);
      if (mine === ticket) inspectorStore.setState({ edge, node: null, message: edge ? null : `no link ${target.id} in this scenario` });
      return;
    }
    case 'request': {
      const trace = await api.requestSpans(target.id);
      if (mine === ticket) inspectorStore.setState({ trace, message: trace ? null : `request ${target.id} is no longer kept (only the newest are; the run may have been reset)` });
      return;
    }
  }
}
