// What each item of the Export menu makes, and the download that hands it to the person. Loaded
// on first use (ExportMenu imports it lazily), so none of it weighs on the app's first load.
import type { AppState } from '../state/store';
import type { SeriesState } from '../charts/seriesStore';
import type { ChartMarker } from '../charts/drawCharts';
import { measureLessonFigure } from '../narrative/lessonMeasure';
import { figureRows, figuresCsv, runExport, seriesCsv } from './tables';
import { failuresChartSvg, latencyChartSvg, throughputChartSvg } from './reportCharts';
import { reportHtml, type ReportData } from './report';
import { canvasPng, findStage, pngBlob, pngDataUrl, renderStage, topologySvgText } from './picture';
import { compareExport, compareFiguresCsv, compareSeriesCsv, type CompareSide } from './compareTables';
import type { DiffRow } from '../compare/diff';
import { faultName } from '../faults/faultName';

/** The items of the Export menu. */
export const ExportKind = {
  svg: 'svg',
  png: 'png',
  seriesCsv: 'series-csv',
  figuresCsv: 'figures-csv',
  json: 'json',
  report: 'report',
  webm: 'webm',
} as const;
export type ExportKind = (typeof ExportKind)[keyof typeof ExportKind];

/** What an export reads: the app's state and series at the moment, and the run's share link. */
export interface ExportSource {
  state: AppState;
  series: SeriesState;
  /** `controller.shareLink()`: null when the run has no link. */
  link: string | null;
}

/** Most seconds a WebM recording takes: longer ones grow past what a browser tab holds well. */
export const MAX_VIDEO_S = 60;

/** Hands `blob` to the browser as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once it started; keep the URL a while for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** `hello-mesh-42s`: the scenario's name and the whole simulated seconds, safe in a file name. */
export function fileStem(name: string, simTimeMs: number): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return `${safe}-${Math.floor(simTimeMs / 1000)}s`;
}

/** The narrative steps and faults as chart markers (as the charts panel marks them). */
function markers(state: AppState): ChartMarker[] {
  return [
    ...(state.info?.narrative ?? []).map((s, i) => ({ kind: 'step' as const, ms: s.at, label: `step ${i + 1}: ${s.title}` })),
    // A fault still on is shaded to this moment (what the charts show has happened).
    ...state.faults.map((f) => ({ kind: 'fault' as const, ms: f.startMs, endMs: f.pending ? null : (f.endMs ?? state.stats.simTime), label: `${faultName(f.type)}${f.amount ? ` ${f.amount}` : ''} on ${f.target}` })),
  ];
}

/** Everything the report shows, read from the app at this moment. */
export async function reportData(src: ExportSource): Promise<ReportData> {
  const { state, series, link } = src;
  const info = state.info!;
  const { buckets, bucketMs } = series;
  const size = { width: 420, height: 110 };
  const marks = markers(state);
  const stage = findStage();
  const title = `Topology of ${info.title}`;
  const picture = stage === null ? null : stage.view === 'svg' ? { svg: await topologySvgText(stage, title, true) } : { png: await pngDataUrl(stage, 1.5) };
  return {
    title: info.title,
    name: info.name,
    description: info.description,
    lesson: info.lesson,
    seed: state.recipe?.seed ?? info.seed,
    simTimeMs: state.stats.simTime,
    durationMs: info.durationMs,
    traceHash: state.stats.traceHash,
    link,
    exportedAt: new Date().toLocaleString(),
    figures: figureRows(state.stats, series),
    steps: info.narrative.map((st) => {
      if (!st.figure) return { at: st.at, title: st.title, text: st.text };
      const m = measureLessonFigure(st.figure, buckets, bucketMs, state.stats, info.durationMs, info.warmupMs);
      return { at: st.at, title: st.title, text: st.text, figure: { label: st.figure.label, text: m.text, over: m.over, expect: st.figure.expect } };
    }),
    faults: state.faults.map((f) => ({ type: f.type, target: f.target, amount: f.amount, startMs: f.startMs, endMs: f.endMs, untilMs: f.untilMs, pending: f.pending })),
    charts: {
      latency: latencyChartSvg(buckets, bucketMs, info.durationMs, size, marks),
      throughput: throughputChartSvg(buckets, bucketMs, info.durationMs, size, marks),
      failures: failuresChartSvg(buckets, bucketMs, info.durationMs, size, marks),
    },
    picture,
  };
}

/**
 * Makes the file for `kind` and downloads it; returns its name. Throws an Error whose message
 * says what was missing (no scenario loaded, no picture drawn yet), for the menu to show.
 */
export async function exportRun(kind: Exclude<ExportKind, 'webm'>, src: ExportSource): Promise<string> {
  const info = src.state.info;
  if (!info) throw new Error('export: no scenario is loaded yet');
  const stem = fileStem(info.name, src.state.stats.simTime);
  const save = (parts: BlobPart[], type: string, ext: string) => {
    const name = `${stem}.${ext}`;
    download(new Blob(parts, { type }), name);
    return name;
  };
  switch (kind) {
    case 'svg':
    case 'png': {
      const stage = findStage();
      if (!stage) throw new Error(`export.${kind}: the topology is not drawn yet`);
      if (kind === 'svg') return save([await topologySvgText(stage, `Topology of ${info.title} at ${stem}`)], 'image/svg+xml', 'svg');
      return save([await pngBlob(stage)], 'image/png', 'png');
    }
    case 'series-csv':
      return save([seriesCsv(src.series.buckets, src.series.bucketMs)], 'text/csv', 'series.csv');
    case 'figures-csv':
      return save([figuresCsv(src.state.stats, src.series)], 'text/csv', 'figures.csv');
    case 'json': {
      const data = runExport({ scenario: info.name, title: info.title, seed: src.state.recipe?.seed ?? info.seed, link: src.link }, src.state.stats, src.series.buckets, src.series.bucketMs);
      return save([JSON.stringify(data, null, 2) + '\n'], 'application/json', 'json');
    }
    case 'report':
      return save([reportHtml(await reportData(src))], 'text/html', 'report.html');
    default: {
      const never: never = kind;
      throw new Error(`export: unknown kind ${String(never)}`);
    }
  }
}

/**
 * Longest wait for the browser's encoder to hand over its first data, ms. Chromium's software
 * VP9 encoder took 4.7-4.9 s to start on this 2-core machine at load ~19 (a 2 s recording ended
 * before it and was saved as 0 bytes); past this, the recording fails rather than save nothing.
 */
export const ENCODER_START_MS = 20_000;

/**
 * Records the next `seconds` of the stage's animation (the picture and its traffic, as on screen)
 * as WebM with the browser's MediaRecorder, and downloads it. Nothing is encoded by this code:
 * a canvas is drawn each frame (the picture re-rasterised once a second, the dots every frame)
 * and `captureStream` hands it to the browser's encoder. The seconds count from the encoder's
 * first data, not from `start()`: a busy machine's encoder can take seconds to begin, and a
 * recording stopped before then holds nothing. `onTick` gets the whole seconds left, or null
 * while the encoder has not begun. Resolves with the file's name; rejects, saving nothing, when
 * the encoder gives no data within ENCODER_START_MS or none at all.
 */
export async function recordVideo(src: ExportSource, seconds: number, onTick?: (leftS: number | null) => void): Promise<string> {
  const info = src.state.info;
  if (!info) throw new Error('export: no scenario is loaded yet');
  if (!(seconds >= 1 && seconds <= MAX_VIDEO_S)) throw new Error(`export.video.seconds: give 1 to ${MAX_VIDEO_S} s (got ${seconds}): the video is held in this tab's memory until it is saved; for longer, use a screen recorder`);
  if (typeof MediaRecorder === 'undefined') throw new Error('export.video: this browser has no MediaRecorder, so it cannot record WebM');
  const mimeType = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) throw new Error('export.video: this browser cannot encode WebM');
  let stage = findStage();
  if (!stage) throw new Error('export.video: the topology is not drawn yet');
  const canvas = document.createElement('canvas');
  canvas.width = stage.width;
  canvas.height = stage.height;
  const ctx = canvas.getContext('2d')!;
  let base = await renderStage(stage, 1, false);
  let refreshing = false;
  let lastRefresh = performance.now();
  const stem = fileStem(info.name, src.state.stats.simTime);
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 4_000_000 });
  const chunks: Blob[] = [];
  /** When the encoder handed over its first data (performance.now()), null before. */
  let encoding: number | null = null;
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    chunks.push(e.data);
    encoding ??= performance.now();
  };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  const start = performance.now();
  let frame = 0;
  const draw = () => {
    const now = performance.now();
    const s = stage!;
    if (s.view === 'canvas' && s.scene) ctx.drawImage(s.scene, 0, 0, canvas.width, canvas.height);
    else ctx.drawImage(base, 0, 0, canvas.width, canvas.height);
    if (s.traffic && s.traffic.width > 0) ctx.drawImage(s.traffic, 0, 0, canvas.width, canvas.height);
    // Node states change (a replica killed, a sidecar stale): the SVG picture is taken again each second.
    if (s.view === 'svg' && !refreshing && now - lastRefresh > 1000) {
      refreshing = true;
      lastRefresh = now;
      stage = findStage() ?? s;
      void renderStage(stage, 1, false)
        .then((c) => (base = c))
        .finally(() => (refreshing = false));
    }
    const left = encoding === null ? null : Math.max(0, Math.ceil(seconds - (now - encoding) / 1000));
    if (onTick && frame++ % 15 === 0) onTick(left);
    const more = encoding === null ? now - start < ENCODER_START_MS : now - encoding < seconds * 1000;
    if (more) requestAnimationFrame(draw);
    else recorder.stop();
  };
  recorder.start(500);
  requestAnimationFrame(draw);
  await stopped;
  stream.getTracks().forEach((t) => t.stop());
  if (chunks.length === 0) throw new Error(`export.video: the browser's encoder gave no data in ${Math.round((performance.now() - start) / 1000)} s, so nothing was saved; try again when the machine is less busy`);
  const name = `${stem}-${seconds}s.webm`;
  download(new Blob(chunks, { type: 'video/webm' }), name);
  return name;
}

/** The compare view's Export menu items. */
export const CompareExportKind = { pictures: 'pictures-png', figuresCsv: 'figures-csv', seriesCsv: 'series-csv', json: 'json' } as const;
export type CompareExportKind = (typeof CompareExportKind)[keyof typeof CompareExportKind];

/** What a compare export reads: both sides, their panes on the page, the figures table, the pair's link. */
export interface CompareSource {
  sides: [CompareSide, CompareSide];
  /** Each pane's element (its stage is found inside), A then B. */
  panes: [ParentNode | null, ParentNode | null];
  /** The client whose requests the scoped rows count (the table's "figures for"), null for every client's. */
  client: string | null;
  rows: DiffRow[];
  seed: number;
  simTimeMs: number;
  link: string | null;
}

/**
 * Makes the compare view's file for `kind` and downloads it; returns its name
 * (`retry-storm-vs-retry-storm-fixed-25s.figures.csv`). Throws an Error saying what is missing.
 */
export async function exportCompare(kind: CompareExportKind, src: CompareSource): Promise<string> {
  const [a, b] = src.sides;
  const stem = fileStem(`${a.scenario}-vs-${b.scenario}`, src.simTimeMs);
  const save = (parts: BlobPart[], type: string, ext: string) => {
    const name = `${stem}.${ext}`;
    download(new Blob(parts, { type }), name);
    return name;
  };
  switch (kind) {
    case 'pictures-png':
      return save([await pairPng(src)], 'image/png', 'png');
    case 'figures-csv':
      if (src.rows.length === 0) throw new Error('export.figures: the figures table is not filled yet');
      return save([compareFiguresCsv(src.rows, [a.scenario, b.scenario], src.client)], 'text/csv', 'figures.csv');
    case 'series-csv':
      return save([compareSeriesCsv(src.sides)], 'text/csv', 'series.csv');
    case 'json':
      return save([JSON.stringify(compareExport(src.sides, src.rows, src), null, 2) + '\n'], 'application/json', 'json');
    default: {
      const never: never = kind;
      throw new Error(`export: unknown kind ${String(never)}`);
    }
  }
}

/** Both panes' pictures and their traffic side by side at twice the screen's size, each under its side's name, as PNG. */
async function pairPng(src: CompareSource): Promise<Blob> {
  const stages = src.panes.map((p) => (p ? findStage(p) : null));
  if (stages.some((s) => s === null)) throw new Error('export.pictures: a pane has no picture drawn yet');
  const scale = 2;
  const shots = await Promise.all(stages.map((s) => renderStage(s!, scale)));
  const head = 28 * scale;
  const gap = 12 * scale;
  const out = document.createElement('canvas');
  out.width = shots[0].width + gap + shots[1].width;
  out.height = head + Math.max(shots[0].height, shots[1].height);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = stages[0]!.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = getComputedStyle(document.body).color || '#0f172a';
  ctx.font = `600 ${14 * scale}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  let x = 0;
  shots.forEach((shot, i) => {
    ctx.fillText(`${src.sides[i].label} — ${src.sides[i].title}`, x + 8 * scale, head / 2, shot.width - 16 * scale);
    ctx.drawImage(shot, x, head);
    x += shot.width + gap;
  });
  return canvasPng(out);
}
