// Where the app draws a scenario's nodes, when a person has placed them by hand (dragged them in
// the app): an optional `layout` of positions by node name. The engine ignores it; the app draws
// each named node at its position instead of where its own layout puts it.
import { z } from 'zod';
import type { Problem } from './parse';
import type { Scenario } from './schema';
import { anySidecar } from './references';
import { IMPLICIT_MESH } from './implicitMesh';
import { nameProblem } from './nameProblems';

/**
 * Farthest a position may be from the drawing's origin, design units. The app's layouts span a
 * few thousand units (1,000 services take about 20,000 across); this leaves room and keeps a
 * typo like 1e30 from blowing the drawing's bounds up to nothing.
 */
export const MAX_LAYOUT_COORDINATE = 1_000_000;

const coordinate = z
  .number()
  .min(-MAX_LAYOUT_COORDINATE, { message: `must be from -${MAX_LAYOUT_COORDINATE} to ${MAX_LAYOUT_COORDINATE} (design units)` })
  .max(MAX_LAYOUT_COORDINATE, { message: `must be from -${MAX_LAYOUT_COORDINATE} to ${MAX_LAYOUT_COORDINATE} (design units)` });

/**
 * `layout`: `{ "<node name>": { "x": .., "y": .. } }`, the centre of each placed node in the
 * design units of the drawing the app makes of this scenario (the boxes' drawing up to 60
 * nodes, the group tiles' above), before it is fitted to the screen.
 */
export const layoutSchema = z.record(z.string().min(1), z.strictObject({ x: coordinate, y: coordinate }));

export type ScenarioLayout = z.infer<typeof layoutSchema>;

/**
 * Every name in `layout` must be a node the app draws: a client, service, gateway, or a mesh's
 * control plane (`control-plane:<mesh>`). Problems read `layout.<name>: unknown node`. Pure.
 */
export function checkLayout(s: Scenario): Problem[] {
  if (!s.layout) return [];
  const meshes = s.meshes.length ? s.meshes.map((m) => m.name) : anySidecar(s) ? [IMPLICIT_MESH] : [];
  const nodes = new Set<string>([...s.clients.map((c) => c.name), ...s.services.map((x) => x.name), ...s.gateways.map((g) => g.name), ...meshes.map((m) => `control-plane:${m}`)]);
  return Object.keys(s.layout)
    .filter((name) => !nodes.has(name))
    .map((name) => nameProblem(`layout.${name}`, 'unknown node'));
}
