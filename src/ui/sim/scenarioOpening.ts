// Opening a scenario in the single view: each in a worker of its own (the bridge's warm spare
// when it keeps one), with its stages on screen; refused or cancelled, that worker is given back
// or stopped and the run on screen goes on; loaded, it becomes the active worker at time zero.
// Plain TypeScript, no React.
import { proxy } from 'comlink';
import type { LoadResult, LoadStage } from '../../workers/protocol';
import type { SimWorker } from '../bridge/simBridge';
import { openedScenario } from '../narrative/questions';
import { builtinTextsLoaded, DEFAULT_SCENARIO_ID, loadBuiltinTexts, type ScenarioEntry } from '../scenarios/catalog';
import { EMPTY_STATS, RunStatus, type Problem } from '../state/store';
import type { RunCore } from './runCore';
import { nextTask } from './nextTask';
import { scenarioFormat } from '../../scenario/format';

/**
 * JSON text shorter than this is parsed on the main thread before a worker is started for it
 * (under a millisecond), so a syntax error is told at once; parse.ts counts longer text's nodes
 * before reading it, which only the worker does.
 */
const QUICK_READ_MAX = 100_000;

/**
 * Whether `text` is small JSON (by its file name or its opening) that JSON.parse refuses: then
 * quickRefusal.ts says why, before any worker starts. False for YAML, long text and JSON that parses.
 */
function refusedJson(text: string, fileName: string | undefined): boolean {
  if (text.length >= QUICK_READ_MAX || scenarioFormat(fileName, text) !== 'json') return false;
  try {
    JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    return false;
  } catch {
    return true;
  }
}

/** The shipped scenario a spare is warmed on. */
const WARM_SCENARIO = 'hello-mesh';

/** The controller's side of opening scenarios; at most one is being opened at a time. */
export interface ScenarioOpener {
  /**
   * Opens a catalog entry (a shipped scenario, a file, a link's scenario) with `seed` (null: its
   * own). `seekToMs` (a link's moment, over 0) is the seek its opener asks for next: the run is
   * ready and on its way there in one change (`seekingTo`), so it never reads "ready" at 0 first.
   */
  openEntry(entry: ScenarioEntry, seed?: number | null, seekToMs?: number): Promise<void>;
  /** See Controller.openFile: read as UTF-8 with its byte-order mark kept, then opened. */
  openFile(file: File): Promise<void>;
  /** See Controller.openText: edited text, listed as `label`, with `seed` (null: its own) and on its way to `seekToMs` as openEntry. */
  openText(text: string, fileName: string, label: string, seed?: number | null, seekToMs?: number): Promise<void>;
  /** See Controller.cancelOpen. */
  cancelOpen(): void;
  /** Gives up the scenario being opened, if any (its worker is stopped); the run is untouched. */
  dropOpening(): void;
  /**
   * A person reaches for another scenario (the picker hovered): the bridge's spare
   * worker starts and warms up, so the open that follows loads in compiled code. Does nothing
   * before the first scenario is drawn, or when a spare is kept or starting.
   */
  warmSpare(): void;
}

/** Opens scenarios for the run `core` holds, each replacing any still being opened. */
export function createScenarioOpener(core: RunCore): ScenarioOpener {
  const { store, bridge } = core;
  /**
   * Starts the bridge's spare (when it keeps none), warmed on hello-mesh (small, and every part of
   * a mesh), once a person reaches for another scenario with the pointer (ScenarioOpener.warmSpare): not ahead on a
   * timer, as a page that opens one scenario (most of a workshop's pages, and of the browser tests)
   * would pay a worker's start and warm-up it never uses.
   */
  function warmSpare(): void {
    if (core.disposed || store.getState().info === null) return;
    bridge.prewarm(store.getState().entries.find((e) => e.id === WARM_SCENARIO)?.text);
  }
  /** Bumped by each open and each cancel: an open whose number is no longer this one gave up. */
  let openSeq = 0;
  /** The worker a scenario is being opened in, until it is adopted or dropped. */
  let candidate: SimWorker | null = null;

  function dropOpening(): void {
    openSeq++;
    candidate?.terminate();
    candidate = null;
  }

  /** Starts opening a scenario (replacing one being opened); returns its number. */
  function beginOpening(label: string, bytes: number): number {
    dropOpening();
    const seq = openSeq;
    store.setState((d) => {
      d.opening = { label, stage: 'reading', bytes, startedAt: performance.now() };
      d.loadProblems = null;
    });
    return seq;
  }

  function setStage(seq: number, stage: LoadStage): void {
    if (seq === openSeq) store.setState((d) => void (d.opening && (d.opening.stage = stage)));
  }

  /** The open numbered `seq` has ended with these problems; the current run goes on. */
  function refuse(seq: number, label: string, problems: Problem[]): void {
    if (seq !== openSeq) return;
    store.setState((d) => {
      d.opening = null;
      d.loadProblems = { source: label, problems };
      if (d.status === RunStatus.loading) d.status = RunStatus.ready;
    });
  }

  /**
   * Loads `entry` in a fresh worker, reporting its stages. Refused or cancelled, the worker is
   * dropped and the current run goes on; loaded, it becomes the active worker at time zero.
   */
  async function load(entry: ScenarioEntry, seq: number, seed: number | null = null, seekToMs = 0, withLines = false): Promise<void> {
    // A person's text named as a shipped scenario is told apart from the shipped file once open
    // (isEditedShipped), which reads that file's text: a chunk of its own (catalog.ts).
    if (entry.source === 'file' && !builtinTextsLoaded()) {
      await loadBuiltinTexts().catch(() => undefined);
      if (seq !== openSeq) return;
    }
    // A small JSON file that does not parse is told at once: no worker starts for it (trial N17,
    // 10: 6.7 s at load 39, the worker's start and the line finder's chunk, for a trailing comma).
    if (refusedJson(entry.text, entry.fileName)) {
      const problems = (await import('./quickRefusal')).jsonRefusal(entry.text);
      if (seq !== openSeq) return;
      if (problems) return refuse(seq, entry.label, problems);
    }
    // Marks of an open's phases, for bench/ui/startPhases.ts (cheap: three a scenario opened).
    performance.mark('meshsim:spawn');
    const worker = bridge.spawn();
    candidate = worker;
    let result: LoadResult;
    try {
      result = await worker.api.load(entry.text, seed ?? undefined, entry.fileName, proxy((stage: LoadStage) => setStage(seq, stage)));
    } catch (e) {
      // The worker died opening it (out of memory, say), or was stopped by a cancel.
      result = { ok: false, problems: [{ path: '(file)', message: `could not be opened: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    // NOTE: the answer was read (its structured clone: a 1,000-service topology took ~50 ms) in
    // the task its message came in; the store's change and React's render of the new scenario
    // follow in a task of their own, so neither adds to the other (bench:ui openLongestTaskMs).
    performance.mark('meshsim:loaded');
    if (result.ok) await nextTask();
    // Superseded by a later open: a worker that answered is kept as the spare (a cancel stopped it).
    if (seq !== openSeq) return bridge.release(worker);
    candidate = null;
    // An edited scenario keeps the name the editor gave it ("edited: hello-mesh").
    const named = (title: string | undefined) => (entry.source === 'file' && title && !entry.id.startsWith('edited:') ? `${title} (${entry.fileName ?? entry.label})` : entry.label);
    if (!result.ok) {
      bridge.release(worker);
      // A file a person opened: each problem names its line there (the editor's reading, loaded
      // on first use with the YAML parser it needs, so the first download does not carry them).
      // A single whole-file problem (a syntax error names its line itself) needs no line finder.
      const whole = result.problems.length === 1 && result.problems[0].path.startsWith('(');
      // Without lines (a link's scenario, an edited text), each item is still said by its name.
      const lines = whole ? null : await import('../editor/lines');
      const problems = lines === null ? result.problems : withLines ? lines.problemsWithLines(entry.text, result.problems) : lines.namedProblems(entry.text, result.problems);
      return refuse(seq, named(result.title), problems);
    }
    // NOTE: frozen here, the store's immer takes it as it is (immer skips a frozen object) instead
    // of walking Istio's full load test's 2,001 nodes and 1,000 edges to freeze each one, ~5 ms of
    // the task that renders the opened scenario (bench:ui's longest task opening it). Development
    // builds and tests keep immer's deep freeze, which catches a stray write to the topology.
    const info = import.meta.env.DEV ? result.info : Object.freeze(result.info);
    // Play pressed while it opened (trial N16, 3): it starts playing once its first frame is in.
    let playOnOpen = false;
    await core.serial(async () => {
      if (seq !== openSeq) return bridge.release(worker);
      const before = store.getState().selectedId;
      bridge.adopt(worker);
      if (before !== null && before !== entry.id) core.previousId = before;
      core.beginRun();
      const label = named(info.title);
      store.setState((d) => {
        d.info = info;
        d.selectedId = entry.id;
        playOnOpen = d.opening?.playOnOpen === true && seekToMs === 0;
        d.opening = null;
        d.loadProblems = null;
        d.runFailure = null;
        d.error = null;
        d.stats = EMPTY_STATS;
        d.status = RunStatus.ready;
        if (seekToMs > 0) d.seekingTo = Math.min(seekToMs, info.durationMs);
        d.recipe = { scenario: entry.source === 'builtin' ? { kind: 'builtin', id: entry.id } : { kind: 'inline', text: entry.text, fileName: entry.fileName }, seed, actions: [] };
        if (entry.source === 'file') d.entries = [...d.entries.filter((e) => e.id !== entry.id), { ...entry, label }];
      });
      // Another scenario's question picks are forgotten: this one's questions open unpicked.
      openedScenario(info.name);
      // A file a person wrote: lint's errors said before play (trial N18, 1); a shipped one's failures are its lesson.
      if (entry.source === 'file') void lintOnOpen(worker, entry);
      await core.firstFrame();
      performance.mark('meshsim:first-frame');
    });
    if (playOnOpen && seq === openSeq) core.startPlaying();
  }

  /** Asks the worker for lint's errors on `entry`, just opened there, and keeps them while `entry` is on screen. Never throws. */
  async function lintOnOpen(worker: ReturnType<typeof bridge.spawn>, entry: ScenarioEntry): Promise<void> {
    store.setState((d) => void (d.openLint = null));
    try {
      const r = await worker.api.lintErrors(entry.text);
      if (r.total > 0 && store.getState().selectedId === entry.id) store.setState((d) => void (d.openLint = { forId: entry.id, ...r }));
    } catch {
      // The worker was replaced meanwhile: the notes were about a run no longer on screen.
    }
  }

  return {
    warmSpare,
    async openEntry(entry, seed = null, seekToMs = 0) {
      // A shipped scenario's text is in a chunk of its own but the default's (catalog.ts), most
      // often fetched already while the page was idle. Any other open waits for it too: a text
      // named as a shipped one is then told apart from the file (isEditedShipped).
      if (!builtinTextsLoaded() && entry.id !== DEFAULT_SCENARIO_ID) {
        try {
          await loadBuiltinTexts();
        } catch (e) {
          // Offline before the service worker had kept the build: a person's own text opens anyway.
          if (entry.source === 'builtin') return refuse(beginOpening(entry.label, 0), entry.label, [{ path: '(file)', message: `could not be opened: the shipped scenarios' texts did not load (${e instanceof Error ? e.message : String(e)})` }]);
        }
      }
      return load(entry, beginOpening(entry.label, entry.text.length), seed, seekToMs);
    },
    async openFile(file) {
      const seq = beginOpening(file.name, file.size);
      let text: string;
      try {
        // As Node reads it in the CLI: UTF-8, a byte-order mark kept (File.text() would drop it),
        // so a problem's byte offset is the same in both. Parsed only in the worker.
        text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer());
      } catch (e) {
        return refuse(seq, file.name, [{ path: '(file)', message: `could not be read: ${e instanceof Error ? e.message : String(e)}` }]);
      }
      if (seq !== openSeq) return;
      await load({ id: `file:${file.name}`, label: file.name, text, fileName: file.name, source: 'file' }, seq, null, 0, true);
    },
    async openText(text, fileName, label, seed = null, seekToMs = 0) {
      const seq = beginOpening(label, text.length);
      await load({ id: `edited:${label.replace(/^edited: /, '')}`, label, text, fileName, source: 'file' }, seq, seed, seekToMs);
    },
    cancelOpen() {
      if (!store.getState().opening) return;
      dropOpening();
      store.setState((d) => {
        d.opening = null;
        if (d.status === RunStatus.loading) d.status = RunStatus.ready;
      });
    },
    dropOpening,
  };
}
