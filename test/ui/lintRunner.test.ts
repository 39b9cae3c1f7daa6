// The editor's simulated lint in a worker of its own (lintRunner.ts): a run the text has outgrown
// is ended with its worker, so it holds up nothing, and the next run starts a fresh worker.
// Workers here are comlink endpoints over a MessageChannel, with an api whose lint answers when
// the test says.
import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { LintRunner, type LintWorker } from '../../src/ui/editor/lintRunner';
import type { LintNote } from '../../src/ui/editor/lintNotes';

const note = (code: string): LintNote => ({ code, rule: 'r', severity: 'warning', path: 'p', message: 'm', fix: 'f', line: 1, simulated: true });

/** A fake worker: lint(text) answers once `answer(text)` is called; terminate closes its port. */
function fakeWorkers() {
  const waiting = new Map<string, (notes: LintNote[]) => void>();
  const terminated: number[] = [];
  let made = 0;
  const make = (): LintWorker => {
    const id = made++;
    const { port1, port2 } = new MessageChannel();
    expose({ lint: (text: string) => new Promise<LintNote[]>((resolve) => waiting.set(text, resolve)) }, port2 as never);
    const end = port1 as unknown as LintWorker;
    end.terminate = () => {
      terminated.push(id);
      port1.close();
      port2.close();
    };
    return end;
  };
  return { make, waiting, terminated, answer: (text: string, notes: LintNote[]) => waiting.get(text)!(notes) };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('the editor runs simulated lint in a worker of its own', () => {
  it('answers a run that is left to finish, in one worker', async () => {
    const w = fakeWorkers();
    const r = new LintRunner(w.make);
    const first = r.lint('a');
    await until(() => w.waiting.has('a'));
    expect(r.busy).toBe(true);
    w.answer('a', [note('MS001')]);
    expect((await first)?.map((n) => n.code)).toEqual(['MS001']);
    expect(r.busy).toBe(false);
    const second = r.lint('b');
    await until(() => w.waiting.has('b'));
    w.answer('b', []);
    expect(await second).toEqual([]);
    expect([r.started, w.terminated]).toEqual([1, []]);
    r.dispose();
  });

  it('ends a stale run with its worker (its promise gives null) and runs the next in a fresh one', async () => {
    const w = fakeWorkers();
    const r = new LintRunner(w.make);
    const stale = r.lint('old');
    await until(() => w.waiting.has('old'));
    r.cancel();
    expect(await stale).toBeNull();
    expect(w.terminated).toEqual([0]);
    // Superseded by a lint call itself, too.
    const mid = r.lint('mid');
    await until(() => w.waiting.has('mid'));
    const fresh = r.lint('new');
    expect(await mid).toBeNull();
    await until(() => w.waiting.has('new'));
    expect(r.busy).toBe(true);
    w.answer('new', [note('MS012')]);
    expect((await fresh)?.map((n) => n.code)).toEqual(['MS012']);
    expect([r.started, w.terminated]).toEqual([3, [0, 1]]);
    // Nothing in progress: cancel ends nothing.
    r.cancel();
    expect(w.terminated).toEqual([0, 1]);
    r.dispose();
    expect(w.terminated).toEqual([0, 1, 2]);
  });
});
