// The ownership view of the single view's run: its scenario's text from the run's recipe, its
// frames and its per-second series.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { seriesStore } from '../charts/seriesStore';
import { useAppStore, useServices } from '../state/useAppStore';
import { builtinScenarios } from '../scenarios/catalog';
import type { Recipe } from '../recipe/types';
import { OwnershipView } from './OwnershipView';
import { inspectorStore } from '../inspector/inspectorStore';
import { highlightAt } from '../narrative/steps';
import type { Topology } from '../../models';

const NO_STEPS: never[] = [];
const NONE: readonly string[] = [];
/** highlightAt, with one empty list for none: a selector's new [] each call re-rendered without end (React's cached-snapshot rule). */
const stableHighlights = (steps: Parameters<typeof highlightAt>[0], ms: number) => {
  const h = highlightAt(steps, ms);
  return h.length ? h : NONE;
};

/**
 * What the person is looking at, as a step's highlights name it: the link open in the inspector
 * ("caller->callee"), else the current story step's highlights; the ownership view opens on the
 * path it names (openingPath.ts). Pure.
 */
export function focusOf(topology: Topology, edgeId: number | null, highlights: readonly string[]): readonly string[] {
  const e = edgeId === null ? undefined : topology.edges.find((x) => x.id === edgeId);
  const name = (id: number) => topology.nodes.find((n) => n.id === id)?.name;
  if (e && name(e.from) && name(e.to)) return [`${name(e.from)}->${name(e.to)}`];
  return highlights;
}

/** The text and file name of a recipe's scenario, or null when it names no shipped one. Pure. */
export function scenarioTextOf(recipe: Pick<Recipe, 'scenario'> | null | undefined, fallbackId?: string): { text: string; fileName?: string } | null {
  const ref = recipe?.scenario ?? (fallbackId ? { kind: 'builtin' as const, id: fallbackId } : null);
  if (!ref) return null;
  if (ref.kind === 'inline') return { text: ref.text, fileName: ref.fileName };
  const e = builtinScenarios().find((x) => x.id === ref.id);
  return e ? { text: e.text, fileName: e.fileName } : null;
}

/** The single view's ownership panel (the drawer's Ownership tab). */
export function OwnershipPanel() {
  const { frames } = useServices();
  const recipe = useAppStore((s) => s.recipe);
  const topology = useAppStore((s) => s.info?.topology);
  const { buckets } = useStore(seriesStore);
  const highlights = useAppStore((s) => stableHighlights(s.info?.narrative ?? NO_STEPS, s.stats.simTime));
  const edgeId = useStore(inspectorStore, (s) => (s.open && s.target?.kind === 'edge' ? s.target.id : null));
  const focus = useMemo(() => (topology ? focusOf(topology, edgeId, highlights) : highlights), [topology, edgeId, highlights]);
  const ref = recipe?.scenario;
  const src = useMemo(() => scenarioTextOf(ref ? { scenario: ref } : null), [ref]);
  if (!src || !topology) return <section className="ownership" data-testid="ownership" />;
  return <OwnershipView text={src.text} fileName={src.fileName} topology={topology} frames={frames} buckets={buckets} actions={recipe?.actions} focus={focus} />;
}
