// Finding a node by name on the stage (TopologyView's search box), as a plain function: the node
// is marked found and the camera centred on it, in either view.
import type { ScenarioInfo } from '../../workers/protocol';
import type { TopologyScene } from '../topology/renderTopology';
import { Cell } from '../topology/groupLayout';
import type { CanvasTopologyScene } from '../topology/canvasScene';
import type { CameraControl } from '../topology/camera';
import { findNode, nodeMeant } from '../topology/findNode';
import type { SearchResult } from './TopologyTools';

/** Zoom at which a found node's cell spans this many CSS pixels. */
const FOUND_CELL_PX = 44;

/** The stage a search acts on: its scenes (one of them drawn), its camera and size. */
export interface SearchStage {
  topology: ScenarioInfo['topology'];
  size: { width: number; height: number };
  scene: TopologyScene | null;
  big: CanvasTopologyScene | null;
  camera: CameraControl | null;
  /** Shows a hidden group again (the found node is in it). */
  unhide: (group: number) => void;
}

/**
 * Finds the node `q` names (findNode) and centres the camera on it, marking it found in the scene
 * drawn (in a large topology at FOUND_CELL_PX a cell, its group shown again if hidden); or, with
 * none, clears the mark. Returns what the search says: the node (and its group), or that none is
 * named so and which name was likely meant; null when no scene is drawn. Impure: moves the
 * camera, marks the scene.
 */
export function searchStage(q: string, s: SearchStage): SearchResult | null {
  const node = findNode(s.topology.nodes, q);
  if (!node) {
    s.scene?.setFound(null);
    s.big?.setFound(null);
    return { text: `no node named "${q.trim()}"`, miss: true, nearest: nodeMeant(s.topology.nodes, q) };
  }
  const { big, camera, size } = s;
  if (big) {
    const l = big.layout;
    const g = l.groupOf[node.id];
    if (g >= 0 && big.isHidden(g)) s.unhide(g);
    big.setFound(node.id);
    camera?.centreOn(l.tx + l.scale * l.x[node.id], l.ty + l.scale * l.y[node.id], FOUND_CELL_PX / (Cell.step * l.scale), size.width, size.height);
    return { text: `${node.name}, in group ${g >= 0 ? l.groups[g].name : '—'}`, miss: false };
  }
  if (!s.scene) return null;
  const l = s.scene.layout;
  const p = l.nodes.find((x) => x.node.id === node.id);
  s.scene.setFound(node.name);
  if (p) camera?.centreOn(l.tx + l.scale * p.x, l.ty + l.scale * p.y, Math.max(1.5, camera.camera.k), size.width, size.height);
  // Found by its namespace (findNode): say so, as the picture's tag does.
  return { text: node.namespace ? `${node.name} (ns ${node.namespace})` : node.name, miss: false };
}
