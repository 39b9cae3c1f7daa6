// What a layout is made of: the topology's nodes and links placed in design units, the fit of
// the drawing into its viewport, and the options a person changes. Types and sizes only.
import type { ScenarioInfo } from '../../workers/protocol';
import type { Arrangement } from './arrangement';
import type { BoundaryRegion } from './boundaryRegions';
import type { MeshRegion } from './meshRegions';
import type { ReplicaGrid } from './replicaGrid';

export type Topology = ScenarioInfo['topology'];
export type TopologyNode = Topology['nodes'][number];
export type TopologyEdge = Topology['edges'][number];

/** Sizes in design units; the whole drawing is scaled to the viewport by `Layout.scale`. */
export const NodeSize = {
  serviceW: 196,
  serviceH: 96,
  clientR: 32,
  /** A gateway is a wider box with rounder corners. */
  gatewayW: 224,
  /** Control planes are round icons in a row above the request path. */
  controlR: 26,
  /** Room above a service for its queue stack. */
  queueRoom: 84,
  /** Sidecar proxies: small hexagons along the top edge of a box, one per replica. */
  hexR: 9,
  hexStep: 22,
  maxHexes: 5,
} as const;

export interface PlacedNode {
  node: TopologyNode;
  col: number;
  /** Design units below the box taken by its replicas' own cards (unfolded), else 0. */
  replicaRoom?: number;
  /** How its unfolded replicas are drawn (cards, or one card with their count), when unfolded. */
  replicaGrid?: ReplicaGrid;
  /** Centre of the node's main shape, design units. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * How an edge runs: on to a later column (left to right, or right to left in presenter mode's
 * reversed bands), within one column (or a turn from one band to the next), back to an earlier
 * column, or from one band to another elsewhere (`wrap`, presenter mode only).
 */
export type EdgeKind = 'forward' | 'same' | 'back' | 'wrap';

export interface PlacedEdge {
  edge: TopologyEdge;
  kind: EdgeKind;
  /** SVG path data from caller to callee (a cubic curve), design units. */
  path: string;
}

/** A thin dashed line from a control plane to a node whose proxies it configures. */
export interface ControlLink {
  controlPlane: number;
  node: number;
  path: string;
}

export interface Layout {
  /** Viewport size in CSS pixels. */
  width: number;
  height: number;
  /** CSS pixels per design unit. */
  scale: number;
  /** Where design (0, 0) lands in the viewport, CSS pixels. */
  tx: number;
  ty: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Meshes as shaded regions behind their members. */
  meshes: MeshRegion[];
  /** Boundaries a control plane denies, as dashed sub-regions inside their mesh's (absent: none drawn). */
  boundaries?: BoundaryRegion[];
  controlLinks: ControlLink[];
  /**
   * Drawn without captions, tags and busy lines, boxes as presenter mode's (PresenterSize): the
   * normal view's choice when its captions would be under 9 px (bandWidth). Absent: with them.
   */
  captionless?: boolean;
  /**
   * Presenter mode's own drawing (LayoutOptions.presenter): one state line under each box
   * (PresenterSize.belowStage), so renderTopology draws one. Absent outside presenter mode.
   */
  presenter?: boolean;
  /**
   * The bare drawing of a wide, short stage, whose fit is bound by its height (layout.ts
   * wideArrangement): columns gapXRoomy apart with link labels at presenter mode's size
   * (PRESENTER_LABEL_UNITS) between them, one state line under each box (PresenterSize.belowStage,
   * the tooltip saying the rest) and presenter mode's margin and region padding. Absent otherwise.
   */
  wide?: boolean;
  /** The arrangement it was laid out in (bands, captions: arrangement.ts), for a drawing that keeps it (a drag, LayoutOptions.arrangement). */
  arrangement?: Arrangement;
  /**
   * Drawn larger than its fit (LayoutOptions.minScale): part of it lies past the viewport's edge,
   * the focused nodes centred. Absent when it fits.
   */
  overflows?: boolean;
}

/** A point, design units. */
export interface Point {
  x: number;
  y: number;
}

/** A side of a node a link leaves or enters by. */
export type Side = 'left' | 'right' | 'bottom';

/** An edge's ports and which way its curve bulges (1: right or down, -1: left). */
export interface Route {
  kind: EdgeKind;
  sides: [Side, Side];
  sign: 1 | -1;
}

/** Node centres placed by hand, design units, by node name (a scenario's `layout`, or drags). */
export type NodePositions = Readonly<Record<string, { readonly x: number; readonly y: number }>>;

/** What a person changed in the drawing: nodes placed by hand, services shown per replica. */
export interface LayoutOptions {
  positions?: NodePositions;
  /** Names of services whose replicas are drawn as separate cards. */
  unfolded?: ReadonlySet<string>;
  /** Least CSS pixels per design unit, even when the drawing then overflows the viewport. */
  minScale?: number;
  /**
   * Most CSS pixels per design unit: a fit larger than this is drawn at it, centred. It wins over
   * `minScale` (a compare pane drawn at the other pane's smaller fit, so one service is one size in
   * both: compare/paneScale.ts); a value under the layout's least scale (0.2) is raised to it.
   * Ignored with `fit`. Undefined: no cap beyond the layout's own.
   */
  maxScale?: number;
  /**
   * Keep this fit (scale and offset) rather than fit the drawing to the viewport: while and
   * after a node is dragged, so that the rest of the picture stays where it is on screen and
   * the dragged node under the pointer (issue 11's new-user pass: a drag re-fitted everything).
   */
  fit?: LayoutFit;
  /**
   * Presenter mode's compact drawing (presenterLayout.ts): boxes without captions or tags,
   * columns as wide as their widest node, and a chain that the stage's aspect ratio cannot
   * hold in one row wrapped into bands, so the drawing fits at PRESENTER_MIN_SCALE or more.
   */
  presenter?: boolean;
  /**
   * With `presenter`: columns PresenterSize.gapXRoomy apart rather than presenter mode's
   * gapXStage, so link labels drawn at presenter size fit between the boxes (the single view's
   * large text, readableText.ts). Ignored without `presenter`.
   */
  roomy?: boolean;
  /**
   * Nodes to keep in view, by id (what the inspector shows: a node, or a link's two ends): when
   * `minScale` makes the drawing larger than the viewport, their middle is centred rather than
   * the drawing's.
   */
  focus?: readonly number[];
  /**
   * Lay the drawing out in this arrangement (bands, captions: arrangement.ts bandWidth) rather
   * than the one chosen for the viewport: a picture kept as it was arranged in a larger stage
   * beside the open inspector (keptPicture.ts), or a drag that keeps the drawing's. Undefined:
   * bandWidth's for the viewport. A `bare` one needs a band count (perBand not NO_BANDS).
   */
  arrangement?: Arrangement;
}

/** How a drawing sits in its viewport: screen = t + scale × design, CSS pixels. */
export interface LayoutFit {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

/**
 * Presenter mode's least scale: its node text is 18 design units (styles.css), so at 0.81 it is
 * at least 14.5 CSS pixels on screen (issue 11: node text at least 14 px at 1024x768).
 */
export const PRESENTER_MIN_SCALE = 14.5 / 18;

/**
 * Least scale beside the open inspector: node captions are 12.5 design units (styles.css), so at
 * 0.64 they are 8 CSS px, names 11.5 px (issue 11's new-user pass measured 3.1-4.4 px text at
 * 1024x768 as the drawing shrank into the 460 px left beside the panel). What no longer fits is
 * panned to (LayoutOptions.focus), or shown whole again by Fit.
 */
export const INSPECTOR_MIN_SCALE = 8 / 12.5;
