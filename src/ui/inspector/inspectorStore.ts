// The inspector's state and actions, apart from the app store: what is being inspected and the
// last answer the worker gave about it. Anyone may call `openInspector` (a click on a node, an
// edge or a dot); the panel reads the store.
import { createStore } from 'zustand/vanilla';
import type { EdgeInspect, NodeInspect, Trace, TraceSummary } from '../../workers/protocol';
import { WorkerStopped } from '../bridge/simBridge';

/** What the inspector can show: a node, an edge (by topology id), or a request (by its id). */
export type InspectTarget = { kind: 'node'; id: number } | { kind: 'edge'; id: number } | { kind: 'request'; id: number };

/** The few worker calls the inspector makes (the comlink proxy of the sim worker has them). */
export interface InspectorApi {
  inspectNode(id: number): Promise<NodeInspect | null>;
  inspectEdge(id: number): Promise<EdgeInspect | null>;
  requestSpans(id: number): Promise<Trace | null>;
  sampledRequests(options?: { failedOnly?: boolean; limit?: number; sample?: boolean }): Promise<TraceSummary[]>;
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
  /**
   * True from a change of the list's filter (or a refresh) until the worker's answer is in:
   * `requests` may still be the previous filter's rows (the panel marks the list busy, so a click
   * is not taken on a row about to be replaced).
   */
  listing: boolean;
  /** Why there is nothing to show (a request no longer kept, say). */
  message: string | null;
  /** The moving dot last clicked: what the frame said of its request, shown when it has no spans. */
  dot: DotRequest | null;
}

/** A request as its dot showed it, for one the tracer did not keep. */
export interface DotRequest {
  /** `Request.number`. */
  id: number;
  /** The link it was on, "caller → callee". */
  edge: string;
  /** Its fate so far, in words ("request on its way", "failed answer", ...). */
  fate: string;
  /** The tracer keeps it for sure (a ringed dot). */
  sampled: boolean;
}

/**
 * Said of a request the tracer did not keep. The numbers are WORKER_TRACE_OPTIONS'
 * (src/workers/SimHost.ts): spans cannot be recorded after the fact.
 */
export const NOT_SAMPLED_NOTE = 'not sampled: the app keeps one request in 20 and the last 200 failed ones; pick a sampled one (ringed dots)';

/**
 * Why request `id`, picked earlier, has no spans now. `newestKept` is the newest request the tracer
 * keeps at this moment (null: none yet). Sent numbers rise with time, so an id above it has not
 * been sent yet: a seek back, or Reset, put the run before it (the common case after "Go back in
 * time"); an id at or below it was sent and has dropped out of the tracer's bounded memory. Pure.
 */
export function missingRequestNote(id: number, newestKept: number | null): string {
  if (newestKept === null || id > newestKept) return `request #${id} is not sent yet at this moment: the run is before it (pick one from the list, or run on)`;
  return `request #${id} is no longer kept: the app keeps only the newest sampled and failed requests`;
}

const initial: InspectorState = { open: false, target: null, node: null, edge: null, trace: null, requests: [], failedOnly: true, listing: false, message: null, dot: null };

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

/**
 * Opens the panel on the request of a clicked dot (`hit` from dotAt, on link `edge`): its
 * waterfall when the tracer has its spans, else what the dot showed and NOT_SAMPLED_NOTE.
 */
export async function openDotRequest(hit: { request: number; sampled: boolean; response: boolean; fate: number }, edge: string): Promise<void> {
  const what = hit.response ? 'answer' : hit.fate === 2 ? 'retry' : 'request';
  const fate = hit.fate === 1 ? `failed ${what}` : hit.fate === 2 && hit.response ? 'answer of a failed try, to be retried' : `${what} on its way`;
  inspectorStore.setState({ dot: { id: hit.request, edge, fate, sampled: hit.sampled } });
  await openInspector({ kind: 'request', id: hit.request });
}

/**
 * Opens the panel on its list of recent requests: failed ones (all kept, newest first) by default; unticked, the
 * 1-in-20 sample alone, ok and failed as the run has them (with every kept failure besides, a fault's list was all
 * failures and its first row nearly always one: N7's trial).
 */
export async function followRequests(failedOnly = inspectorStore.getState().failedOnly): Promise<void> {
  if (!api) {
    inspectorStore.setState({ open: true, failedOnly });
    return;
  }
  inspectorStore.setState({ open: true, failedOnly, listing: true });
  const mine = ++listTicket;
  const requests = await unlessStopped(api.sampledRequests(failedOnly ? { failedOnly, limit: 30 } : { sample: true, limit: 30 }));
  if (mine === listTicket) inspectorStore.setState({ requests: requests ?? [], listing: false });
}

/**
 * The worker's answer, or null when the run's worker was stopped (a run that stopped answering,
 * another scenario opened): the run's own notice says why, so a question left over from the
 * panel ends quietly instead of as an uncaught error. Other errors pass through.
 */
async function unlessStopped<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (e) {
    if (e instanceof WorkerStopped) return null;
    throw e;
  }
}

/**
 * Forgets what is inspected, the panel left open or closed as it is: for another scenario, whose
 * ids name other nodes and links (edge 0 of retry-storm is not edge 0 of the next one).
 */
export function forgetInspectTarget(): void {
  ticket++;
  inspectorStore.setState({ target: null, node: null, edge: null, trace: null, dot: null, message: null });
}

/**
 * What makes two topologies' ids mean the same things: their node names and links, in id order.
 * Reset, a seek or the same scenario opened again keep it; another scenario changes it. Pure.
 */
export function topologyKey(topology: { nodes: readonly { name: string }[]; edges: readonly { from: number; to: number }[] }): string {
  return `${topology.nodes.map((n) => n.name).join('\n')}|${topology.edges.map((e) => `${e.from}>${e.to}`).join(',')}`;
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
      const node = await unlessStopped(api.inspectNode(target.id));
      if (mine === ticket) inspectorStore.setState({ node, edge: null, message: node ? null : `no node ${target.id} in this scenario` });
      return;
    }
    case 'edge': {
      const edge = await unlessStopped(api.inspectEdge(target.id));
      if (mine === ticket) inspectorStore.setState({ edge, node: null, message: edge ? null : `no link ${target.id} in this scenario` });
      return;
    }
    case 'request': {
      const trace = await unlessStopped(api.requestSpans(target.id));
      if (mine !== ticket) return;
      const dot = inspectorStore.getState().dot;
      const fromDot = dot !== null && dot.id === target.id && !dot.sampled;
      if (trace || fromDot) {
        inspectorStore.setState({ trace, message: trace ? null : `request #${target.id}: ${NOT_SAMPLED_NOTE}` });
        return;
      }
      // A seek back (or Reset) puts the run before the request; the tracer's newest kept one says so.
      const newest = (await unlessStopped(api.sampledRequests({ limit: 1 })))?.[0]?.id ?? null;
      if (mine === ticket) inspectorStore.setState({ trace, message: missingRequestNote(target.id, newest) });
      return;
    }
  }
}
