// The inspector's state and actions, apart from the app store: what is being inspected and the
// last answer the worker gave about it. Anyone may call `openInspector` (a click on a node, an
// edge or a dot); the panel reads the store.
import { createStore } from 'zustand/vanilla';
import type { EdgeInspect, NodeInspect, Trace, TraceSummary } from '../../workers/protocol';
import { sampledOneIn } from '../../sim-engine/sampling';
import { WorkerStopped } from '../bridge/simBridge';

/** What the inspector can show: a node, an edge (by topology id), or a request (by its id). */
export type InspectTarget = { kind: 'node'; id: number } | { kind: 'edge'; id: number } | { kind: 'request'; id: number };

/** The few worker calls the inspector makes (the comlink proxy of the sim worker has them). */
export interface InspectorApi {
  inspectNode(id: number): Promise<NodeInspect | null>;
  inspectEdge(id: number): Promise<EdgeInspect | null>;
  requestSpans(id: number): Promise<Trace | null>;
  sampledRequests(options?: { failedOnly?: boolean; limit?: number; sample?: boolean; only?: string | null }): Promise<TraceSummary[]>;
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
  /** The list holds only requests that ended with this cause ('timeout'), or 'retried' ones (a try 2); null: all. */
  only: string | null;
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
  /** A request known to be sent by now (an Events row of it was picked), for missingRequestNote. */
  sentKnown: number | null;
  /**
   * The request list folded to its picked row, so a request's waterfall gets the panel's room (at
   * 1600x1000 the list took 235 px over a 27-try waterfall: trial N18, item 9). Set by every open
   * of a request; cleared by the person's own turn to the list (unfoldRequestList, followOnly),
   * never by the panel's own refreshes of it.
   */
  listFolded: boolean;
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
export const NOT_SAMPLED_NOTE = 'not sampled: the app keeps one request in 20, the last 150 failed and the last 50 retried ones; pick a sampled one (ringed dots)';

/**
 * Whether request `id` (from 1) is one of the one in 20 the app's tracer keeps when it is sent:
 * WORKER_TRACE_OPTIONS' sampleEvery and the tracer's rule (sampledOneIn of its number - 1). Pure.
 */
export function keptWhenSent(id: number): boolean {
  return sampledOneIn(id - 1, 20);
}

/**
 * Why request `id`, picked earlier, has no spans now. `newestKept` is the newest request the tracer
 * keeps at this moment (null: none yet). Sent numbers rise with time, so an id above it has not
 * been sent yet: a seek back, or Reset, put the run before it (the common case after "Go back in
 * time"), unless `sent` says it was (an Events row of it, at or before this moment); else it was
 * sent and is not kept: not one of the 1 in 20 (keptWhenSent), or dropped out of the tracer's
 * bounded memory. Pure.
 */
export function missingRequestNote(id: number, newestKept: number | null, sent = false): string {
  if (!sent && (newestKept === null || id > newestKept)) return `request #${id} is not sent yet at this moment: the run is before it (pick one from the list, or run on)`;
  if (!keptWhenSent(id))
    return `request #${id} is not kept: it is not one of the 1 in 20 kept when sent, and the app keeps besides only the last 150 failed and the last 50 retried ones, once they end (it is neither, is still in flight, or was pushed out by newer ones)`;
  return `request #${id} is no longer kept: the app keeps only the newest 200 of the 1 in 20 sampled`;
}

const initial: InspectorState = { open: false, target: null, node: null, edge: null, trace: null, requests: [], failedOnly: true, only: null, listing: false, message: null, dot: null, sentKnown: null, listFolded: false };

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
  inspectorStore.setState({ open: true, target, message: null, ...(target.kind === 'request' ? { listFolded: true } : { trace: null }) });
  await refreshInspector();
}

/** Shows the whole request list again under a picked request (its "all N" button, a filter or "Follow a request"). */
export function unfoldRequestList(): void {
  inspectorStore.setState({ listFolded: false });
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
 * Opens the panel on request `id` of an Events row (after the log's seek to its moment): its
 * waterfall when kept, else why not, knowing it was sent by then.
 */
export function openEventRequest(id: number): Promise<void> {
  inspectorStore.setState({ sentKnown: id });
  return openInspector({ kind: 'request', id });
}

/**
 * Opens the panel on its list of recent requests: failed ones (all kept, newest first) by default; unticked, the
 * 1-in-20 sample alone, ok and failed as the run has them (with every kept failure besides, a fault's list was all
 * failures and its first row nearly always one: N7's trial).
 */
export async function followRequests(failedOnly = inspectorStore.getState().failedOnly, only = inspectorStore.getState().only): Promise<void> {
  if (!api) {
    inspectorStore.setState({ open: true, failedOnly, only });
    return;
  }
  inspectorStore.setState({ open: true, failedOnly, only, listing: true });
  const mine = ++listTicket;
  // With a cause or 'retried' picked: every kept one of those (the sample, the failed and the retried rings).
  const options = only !== null ? { failedOnly, only, limit: 30 } : failedOnly ? { failedOnly, limit: 30 } : { sample: true, limit: 30 };
  const requests = await unlessStopped(api.sampledRequests(options));
  if (mine === listTicket) inspectorStore.setState({ requests: requests ?? [], listing: false });
}

/**
 * The list of kept requests that ended with `cause` ('timeout'), newest first (a cause chip under
 * the failed figure, trial N10); 'retried' lists those retried, ok or not; 'fault:N' those a try of which fault N
 * failed, ok or not (a fault's "show only its requests"); null lists all again.
 */
export function followOnly(only: string | null): Promise<void> {
  unfoldRequestList();
  // A fault's requests ('fault:N', faults/faultEffect.ts) whatever their fate, as the retried ones: a retried try that then succeeded is its effect too.
  return followRequests(only === 'retried' || only?.startsWith('fault:') === true ? false : only !== null ? true : inspectorStore.getState().failedOnly, only);
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
 * ids name other nodes and links (edge 0 of retry-storm is not edge 0 of the next one). The request
 * list unfolds, as no request is picked.
 */
export function forgetInspectTarget(): void {
  ticket++;
  // No request is picked any more, so the request list is not folded under one (W3's fold).
  inspectorStore.setState({ target: null, node: null, edge: null, trace: null, dot: null, message: null, listFolded: false });
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
      if (mine === ticket) inspectorStore.setState({ trace, message: missingRequestNote(target.id, newest, inspectorStore.getState().sentKnown === target.id) });
      return;
    }
  }
}
