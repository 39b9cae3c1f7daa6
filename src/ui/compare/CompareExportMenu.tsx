// The compare view's Export menu: both pictures side by side (PNG), both runs' figures with B/A
// (the figures table as CSV), both runs' per-second series (CSV, a `run` column), and all of it
// as JSON. The single view's menu (useMenu) and exporters, loaded on first use.
import { useStore } from 'zustand';
import { useMenu } from '../export/useMenu';
import { MenuShell, type MenuItem } from '../export/MenuShell';
import type { CompareExportKind, CompareSource } from '../export/exporters';
import type { CompareController } from './compareController';
import { diffRows } from './diff';
import { scopeInUse } from './MetricsDiff';
import { sideLabel } from './sideLabel';
import '../export/export.css';
import { countOf } from '../format';

const ITEMS: { kind: CompareExportKind; id: string; label: string; title: string }[] = [
  { kind: 'pictures-png', id: 'export-png', label: 'Both pictures (PNG)', title: "A's and B's topology and traffic as drawn now, side by side under their names, at twice the screen size" },
  { kind: 'figures-csv', id: 'export-figures-csv', label: 'Figures of both (CSV)', title: 'The figures table: one row per figure with its unit, A, B and B/A' },
  { kind: 'series-csv', id: 'export-csv', label: 'Per-second series of both (CSV)', title: "One row per run and simulated second: a run column (A or B), then the columns of npm run sim -- run FILE --csv" },
  { kind: 'json', id: 'export-json', label: 'Both runs (JSON)', title: "Each run's figures and series as the single view exports them, the figures table, the seed and the pair's link" },
];

/** The compare header's Export menu: a glyph button below 1440 px, as the single view's. */
export function CompareExportMenu({ controller }: { controller: CompareController }) {
  const s = useStore(controller.store);
  const menu = useMenu();
  const ready = controller.panes.length === 2 && s.figures !== null;
  const source = (): CompareSource => {
    const st = controller.store.getState();
    const [A, B] = controller.panes;
    const side = (p: typeof A, i: 0 | 1) => ({ label: sideLabel(st, i), scenario: p.id, title: p.info.title, stats: p.services.store.getState().stats, buckets: st.series[i].buckets, bucketMs: st.series[i].bucketMs });
    const pane = (x: 'A' | 'B') => document.querySelector(`[data-testid="compare-pane"][data-side="${x}"]`);
    return {
      sides: [side(A, 0), side(B, 1)],
      panes: [pane('A'), pane('B')],
      // The figures for the client the table shows (scope=), as `compare A B --client NAME` prints them.
      client: scopeInUse(st),
      rows: st.figures ? diffRows(st.figures[0], st.figures[1], scopeInUse(st)) : [],
      seed: st.seed ?? A.info.seed,
      simTimeMs: st.simTime,
      link: controller.shareLink(),
    };
  };
  // Both runs' counters, and attempts per user request as the table's row gives them (every client's).
  const copyFigures = async () => {
    const st = controller.store.getState();
    if (controller.panes.length < 2 || !st.figures) throw new Error('copy.figures: the figures table is not filled yet');
    const tries = diffRows(st.figures[0], st.figures[1]).find((r) => r.key === 'tries');
    const side = (i: 0 | 1) => ({ label: sideLabel(st, i), stats: controller.panes[i].services.store.getState().stats, series: st.series[i], attemptsPerRequest: (i === 0 ? tries?.a : tries?.b) ?? null });
    const { copyCompareFigures } = await import('../export/copyFigures');
    return copyCompareFigures([side(0), side(1)], { seed: st.seed ?? controller.panes[0].info.seed, simTimeMs: st.simTime, link: controller.shareLink() });
  };
  const items: MenuItem[] = [
    ...ITEMS.map((it) => ({ id: it.id, label: it.label, title: it.title, make: async () => (await import('../export/exporters')).exportCompare(it.kind, source()) })),
    { id: 'export-copy', label: 'Copy figures of both (table)', title: "Copy both runs' figures and their difference B − A as a table to paste into a doc (markdown, plain text too): the pair, seed, simulated time, both trace hashes, requests sent, ok, failed and % of sent, latency p50/p90/p99/mean, attempts per user request, and the pair's link", verb: 'Copied', make: () => copyFigures() },
  ];
  return (
    <MenuShell
      menu={menu}
      disabled={!ready}
      title="Export both runs: their pictures, figures and series, or copy the figures as a table"
      label="Export both runs"
      items={items}
      note={`${countOf(Math.min(s.series[0].buckets.length, s.series[1].buckets.length), 'closed second')} of both runs so far.`}
    />
  );
}
