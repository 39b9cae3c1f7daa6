// The editor's text is never lost: every edit is kept per scenario in this browser (memory, and
// localStorage when it may be written), so closing the editor, a refused run or a reload gives
// it back. A draft equal to the scenario's own text is no draft.

const KEY = 'meshsim.editor.drafts';
/** Drafts longer than this stay in memory only (localStorage holds a few MB per site). */
const MAX_STORED_CHARS = 1_000_000;

const memory = new Map<string, string>();

function stored(): Record<string, string> {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function store(all: Record<string, string>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Full or refused: the draft stays in memory for this page.
  }
}

/** The kept draft of the scenario `id`, or null. */
export function draftFor(id: string): string | null {
  const m = memory.get(id);
  if (m !== undefined) return m;
  const s = stored()[id];
  return typeof s === 'string' ? s : null;
}

/** Keeps `text` as the draft of scenario `id` (drops it when it equals `original`). */
export function keepDraft(id: string, text: string, original: string): void {
  if (text === original) return dropDraft(id);
  memory.set(id, text);
  const all = stored();
  if (text.length <= MAX_STORED_CHARS) all[id] = text;
  else delete all[id];
  store(all);
}

export function dropDraft(id: string): void {
  memory.delete(id);
  const all = stored();
  if (id in all) {
    delete all[id];
    store(all);
  }
}

/**
 * The file name an edited scenario is run and downloaded as: `edited-<name>.json` or `.yaml`,
 * the extension saying its format as the CLI reads it (src/scenario/read.ts `formatOfFile`).
 * Characters a file name should not hold become `-`. Pure.
 */
export function editedFileName(name: string, format: 'json' | 'yaml'): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80) || 'scenario';
  return `edited-${safe}.${format}`;
}
