// Lint's simulated rules (MS001, MS012) in a worker of their own, so a check never waits behind
// them: they run the model for seconds (about a minute for istio-load-test-full at load 17), and in
// the check worker a typed check waited for a stale run to end. A run the text has outgrown is
// ended by terminating its worker (the model run is one synchronous call: nothing else can stop
// it), and the next run starts a fresh one.
import { releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { EditorApi } from './check';
import type { LintNote } from './lintNotes';

/** A worker as the runner needs it: comlink's endpoint, and a way to end it at once. */
export type LintWorker = Endpoint & { terminate(): void };

/** The editor's worker script (check.worker.ts), a second instance for lint. */
export function editorLintWorker(): LintWorker {
  return new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-editor-lint' });
}

/**
 * Runs `lint` (check.ts editorApi.lint) in a worker from `make`, one run at a time. `lint(text)`
 * supersedes a run in progress; `cancel()` ends one (its promise resolves null); `dispose()` ends
 * the worker. Counts the workers it made in `started` (tests).
 */
export class LintRunner {
  private worker: LintWorker | null = null;
  private api: Remote<EditorApi> | null = null;
  /** Resolves the run in progress with null, when there is one. */
  private stop: (() => void) | null = null;
  started = 0;

  constructor(private readonly make: () => LintWorker = editorLintWorker) {}

  /**
   * Every lint rule's findings on `text` (the simulated ones too), or null when the text is not a
   * valid scenario, or when the run was cancelled or superseded before it ended.
   */
  async lint(text: string, fileName?: string): Promise<LintNote[] | null> {
    this.cancel();
    if (!this.api) {
      this.worker = this.make();
      this.api = wrap<EditorApi>(this.worker);
      this.started++;
    }
    let stop!: () => void;
    const cancelled = new Promise<null>((resolve) => (stop = () => resolve(null)));
    this.stop = stop;
    try {
      return await Promise.race([this.api.lint(text, fileName), cancelled]);
    } finally {
      // A later run may have taken the place already.
      if (this.stop === stop) this.stop = null;
    }
  }

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.stop !== null;
  }

  /** Ends the run in progress, if any, with its worker; the next lint starts another. */
  cancel(): void {
    if (!this.stop) return;
    this.stop();
    this.stop = null;
    this.end();
  }

  /** Ends the worker, and a run in progress. */
  dispose(): void {
    this.stop?.();
    this.stop = null;
    this.end();
  }

  private end(): void {
    this.api?.[releaseProxy]();
    this.worker?.terminate();
    this.api = null;
    this.worker = null;
  }
}
