// The header's Export menu: the picture (SVG, PNG), the figures and per-second series (CSV, JSON),
// a printable one-page report, and a WebM of the next seconds of animation. The code that makes
// the files (exporters.ts) loads on the first use, not with the app.
import { useState } from 'react';
import { useMenu } from './useMenu';
import { MenuShell, type MenuItem } from './MenuShell';
import { useStore } from 'zustand';
import { useAppStore, useController, useServices } from '../state/useAppStore';
import { seriesStore } from '../charts/seriesStore';
import type { ExportKind, ExportSource } from './exporters';
import { EDGE_STRIDE, EdgeField } from '../../workers/protocol';
import { countOf } from '../format';
import './export.css';

/** The menu's items: test id, words, and what the file holds (the title). */
const ITEMS: { kind: Exclude<ExportKind, 'webm'>; label: string; title: string }[] = [
  { kind: 'svg', label: 'Picture (SVG)', title: 'The topology as drawn now, as a standalone SVG file (above 60 nodes the picture is a canvas: the file holds its bitmap)' },
  { kind: 'png', label: 'Picture (PNG)', title: 'The topology and its traffic as drawn now, as a PNG at twice the screen size' },
  { kind: 'series-csv', label: 'Per-second series (CSV)', title: 'One row per simulated second: requests sent, ok and failed per second (and by cause), latency mean, p50, p90, p99 in ms. The same columns as npm run sim -- run FILE --csv' },
  { kind: 'figures-csv', label: 'Figures (CSV)', title: 'The counters now, one row each with its unit, and the trace hash' },
  { kind: 'json', label: 'Figures and series (JSON)', title: 'The figures, the per-second series (columns and rows), the seed, the link and the trace hash, as one JSON object' },
  { kind: 'report', label: 'Run report (HTML)', title: 'One printable, self-contained page for a handout: the picture, the charts, the figures, the story, the faults, the link and the trace hash' },
];

const COPY_TITLE = 'Copy the figures as a table (markdown) to paste into a doc: seed, time, trace hash, counts, failed %, latency, attempts per request, link';

const TEST_ID: Record<ExportKind, string> = {
  svg: 'export-svg',
  png: 'export-png',
  'series-csv': 'export-csv',
  'figures-csv': 'export-figures-csv',
  json: 'export-json',
  report: 'export-report',
  webm: 'export-webm',
};

export function ExportMenu() {
  const { store, frames } = useServices();
  const controller = useController();
  const hasRun = useAppStore((s) => s.info !== null);
  const closed = useStore(seriesStore, (s) => s.buckets.length);
  const menu = useMenu();
  const { busy, setBusy, run: runJob } = menu;
  const [seconds, setSeconds] = useState('10');
  const source = (): ExportSource => ({ state: store.getState(), series: seriesStore.getState(), link: controller.shareLink() });
  const run = (what: string, job: (m: typeof import('./exporters')) => Promise<string>) => runJob(what, async () => job(await import('./exporters')));
  const n = Number(seconds);
  // The counters now, and attempts per user request from the shown frame's per-edge counts.
  const copyFigures = async () => {
    const st = store.getState();
    if (!st.info) throw new Error('copy.figures: no scenario is loaded yet');
    const frame = frames.shown ?? frames.latest;
    const [{ copyRunFigures }, { attemptsPerRequest }] = await Promise.all([import('./copyFigures'), import('./figuresText')]);
    const attempts = frame ? attemptsPerRequest(frame.edges, EDGE_STRIDE, EdgeField.attempts, st.stats.sent) : null;
    return copyRunFigures({ label: st.info.name, stats: st.stats, series: seriesStore.getState(), attemptsPerRequest: attempts }, { seed: st.recipe?.seed ?? st.info.seed, durationMs: st.info.durationMs, link: controller.shareLink() });
  };
  const items: MenuItem[] = [
    ...ITEMS.map((it) => ({ id: TEST_ID[it.kind], label: it.label, title: it.title, make: async () => (await import('./exporters')).exportRun(it.kind, source()) })),
    { id: 'export-copy', label: 'Copy figures (table)', title: COPY_TITLE, verb: 'Copied', make: () => copyFigures() },
  ];
  const video = (
    <div className="export-video">
      <button
        type="button"
        role="menuitem"
        className="export-item"
        data-testid="export-webm"
        disabled={busy !== null}
        title="Record the picture and its traffic for the next seconds (it keeps playing or paused as it is) as a WebM video, with the browser's own encoder"
        onClick={() => void run('webm', (m) => m.recordVideo(source(), n, (left) => setBusy(`webm ${left ?? 'starting'}`)))}
      >
        Video (WebM), next
      </button>
      <input className="export-seconds" data-testid="export-seconds" type="number" min={1} max={60} step={1} value={seconds} aria-label="Seconds of animation to record" onChange={(e) => setSeconds(e.target.value)} />
      <span>s</span>
    </div>
  );
  return (
    <MenuShell
      menu={menu}
      disabled={!hasRun}
      title="Export this run: the picture, the figures and series, a printable report, a video, or copy the figures as a table"
      label="Export this run"
      items={items}
      extra={video}
      note={busy === 'webm starting' ? 'Starting the recorder…' : busy?.startsWith('webm ') ? `Recording… ${busy.slice(5)} s left` : `${countOf(closed, 'closed second')} of series so far.`}
    />
  );
}
