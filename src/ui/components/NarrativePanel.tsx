// The scenario's story, step by step: the current step follows simulated time; "next" runs the
// simulation to the next step's time, "back" runs it again from zero to the previous one. A
// step's question shows while the step before it is current, and is answered once it runs.
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { formatClock } from '../format';
import { stepAt } from '../narrative/steps';
import { RunStatus } from '../state/store';
import { useAppStore, useController, useServices } from '../state/useAppStore';
import { seriesStore } from '../charts/seriesStore';
import { LessonFigureView } from '../narrative/LessonFigureView';
import { KeepUnits } from '../narrative/KeepUnits';
import { QuestionView, useQuestionKeys } from '../narrative/QuestionView';
import { questionsAt } from '../narrative/questions';
import { fitStoryStep } from '../narrative/storyFit';
import { keepTitleWhole, scrollToEntry } from '../narrative/entryScroll';
import { landingNote, storyMoveTo } from '../narrative/stepLanding';
import { usePassingStep } from '../narrative/passingStep';
import { AnswerCue, QuestionCue, showTextEnd } from '../narrative/StoryCues';
import { LessonFigures } from '../narrative/LessonFigures';
import { onceForDoubleClick } from './singleClick';

const NO_STEPS: never[] = [];

export function NarrativePanel() {
  const controller = useController();
  const steps = useAppStore((s) => s.info?.narrative ?? NO_STEPS);
  const lesson = useAppStore((s) => s.info?.lesson ?? '');
  const index = useAppStore((s) => stepAt(s.info?.narrative ?? NO_STEPS, s.stats.simTime));
  const blocked = useAppStore((s) => s.status === RunStatus.loading || s.status === RunStatus.crashed);
  // The step a seek under way lands on (null when none runs or it lands in the clock's step): the
  // panel shows the clock's step, says where it is going, and next/back count from there.
  const going = useAppStore((s) => (s.seekingTo === null ? null : stepAt(s.info?.narrative ?? NO_STEPS, s.seekingTo)));
  const aim = going ?? index;
  // A seek on its way to another step for a moment: that step's title and text, not the steps it passes (passingStep.ts).
  const passing = usePassingStep(going, index);
  const { store } = useServices();
  const storyMoves = useAppStore((s) => s.storyMoves);
  const head = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLParagraphElement>(null);
  const shown = Math.max(0, index);
  // The move last brought into view, and whether its step is still to come (the seek lands later).
  const moved = useRef({ moves: 0, awaiting: false });
  const presenter = useAppStore((s) => s.presenter);
  // After a presenter's move that played on past the step's moment, a word why the clock is not
  // at it (N10, finding 6); a string or null, so a frame re-renders the panel only when it changes.
  const landed = useAppStore((s) => {
    const all = s.info?.narrative ?? NO_STEPS;
    const at = stepAt(all, s.stats.simTime);
    if (!s.presenter || s.storyMoves === 0 || s.seekingTo !== null || at < 0) return null;
    return landingNote(all, at, s.stats.simTime, seriesStore.getState().bucketMs || 1000, s.info?.durationMs ?? 0);
  });
  const section = useRef<HTMLElement>(null);
  const [, onResize] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  // The step, head to text, into view in its column, and under it the question asked before the
  // next step runs, as far as the column holds both: the question first, then the text, then the
  // head, each 'nearest', so the head stays in view. In presenter mode at 1600x1000 retry-storm's
  // fourth choice, the answer "27", lay 79 px below the column; at 1024x768 all four did.
  // A question answered by this step (its reveal: the verdict, the why and its figure) comes before
  // the text and the head, so it shows as far as the column holds it with the step's head in view
  // (brought in last, it pushed control-plane-outage's step 3 head out: narrative.spec). The head
  // always comes last: in presenter mode the room's verdict was brought in last (N4-report 2), and
  // from then on every step opened scrolled to the column's foot, its head, title, figure and first
  // lines above the view and the old question below (N6's trial, F1: retry-storm steps 2-4,
  // gateway-only 4-5, mesh-only 4-6, control-plane-outage 2-6). A verdict that the head leaves
  // below the view gets a cue at the foot instead (AnswerCue). An older question still shown under
  // a later step is not brought in at all.
  const bringIntoView = () => {
    const own = section.current?.querySelector(`[data-testid="question"][data-state="revealed"][data-step="${shown}"] [data-testid="question-reveal"]`);
    section.current?.querySelector('[data-testid="question"][data-state="ahead"]')?.scrollIntoView({ block: 'nearest' });
    own?.scrollIntoView({ block: 'nearest' });
    text.current?.scrollIntoView({ block: 'nearest' });
    head.current?.scrollIntoView({ block: 'nearest' });
    const presenting = store.getState().presenter;
    // Never the scenario's title cut mid-line at the top (presenter mode at 1024x768).
    const column = section.current?.closest<HTMLElement>('.panel');
    const title = column?.querySelector<HTMLElement>('[data-testid="scenario-title"]');
    if (presenting && column && title && section.current && text.current) keepTitleWhole(column, title, section.current, text.current);
  };
  // Entering presenter mode shows the scenario's title and the current step under it, from its
  // head to at least its first line (scrollToEntry): the column had the title at its top and
  // step 1's text below the fold, then, brought into view as a story move does, the title partly
  // scrolled off (1024x768: gateway-and-mesh's eyebrow and first line cut, retry-storm's title
  // gone). So does another scenario picked in presenter mode: the column kept the last one's
  // scroll, and at 1024x768 the new step's heading could start above the view.
  const standAtEntry = () => {
    bringIntoView();
    const column = section.current?.closest<HTMLElement>('.panel');
    const title = column?.querySelector<HTMLElement>('[data-testid="scenario-title"]');
    const ahead = section.current?.querySelector<HTMLElement>('[data-testid="question"][data-state="ahead"]');
    if (column && title && text.current) scrollToEntry(column, title, text.current, ahead ?? text.current);
  };
  // The step and story moves the column was stood for on entry (null out of presenter mode).
  const entered = useRef<{ shown: number; moves: number } | null>(null);
  const now = useRef({ shown, moves: storyMoves, stand: standAtEntry });
  now.current = { shown, moves: storyMoves, stand: standAtEntry };
  useEffect(() => {
    entered.current = presenter ? { shown: now.current.shown, moves: now.current.moves } : null;
    if (presenter) standAtEntry();
  }, [presenter, steps]);
  // The column's width changed while it still shows the step it was stood for, with no story move
  // since: stood again, as on entry. A story opened in presenter mode at 1024x768 gets its own column
  // width (storyColumn.ts) a render after its steps, so it was stood for the last story's width:
  // control-plane-boundary-fixed's step 1 text, 400 px wide when stood at the column's top, ended
  // 69 px below the column once it narrowed to 200 (S8's finding, session 47).
  useEffect(() => {
    const column = section.current?.closest<HTMLElement>('.panel');
    if (!presenter || !column) return;
    let width = column.clientWidth;
    const watch = new ResizeObserver(() => {
      if (column.clientWidth === width) return;
      width = column.clientWidth;
      const e = entered.current;
      if (e && e.shown === now.current.shown && e.moves === now.current.moves) now.current.stand();
    });
    watch.observe(column);
    return () => watch.disconnect();
  }, [presenter]);
  // In presenter mode the step's type steps down until the step fits its column (storyFit.ts),
  // measured again at each render (a new step, its figure's first value) and resize, before paint.
  useLayoutEffect(() => {
    const s = section.current;
    const column = s?.closest<HTMLElement>('.panel');
    if (!s) return;
    if (!presenter || !head.current || !text.current || !column) {
      delete s.dataset.fit;
      s.style.removeProperty('--story-fit');
    }
    else fitStoryStep(s, head.current, text.current, column);
  });
  useQuestionKeys();
  // A question asked under the step whose end lies below the column's view gets a cue at the
  // column's foot ("Question below: pick 1-3"): in presenter mode at 1024x768 the step's text
  // fills the 200 px column and the question began under it, unseen by the room. Out of presenter
  // mode too, where the column keeps the step's head in view over the answers (questionInView.ts).
  const [cueBelow, setCueBelow] = useState(false);
  // Likewise the step's own text when it runs below the view: entering presenter mode shows the
  // scenario's title and the step from its head (scrollToEntry), and at 1024x768 a long step's
  // text then ran on under the column's foot with nothing to say so (idle-timeout-race's step 1,
  // l4-vs-l7's step 4). That cue comes first: the question is read after the step.
  const [textBelow, setTextBelow] = useState(false);
  // And this step's answer to the room's pick, when the step's head and text leave it below.
  const [answerBelow, setAnswerBelow] = useState(false);
  useEffect(() => {
    const s = section.current;
    const column = s?.closest<HTMLElement>('.panel');
    if (!s || !column) {
      setTextBelow(false);
      setAnswerBelow(false);
      return setCueBelow(false);
    }
    const check = () => {
      const q = s.querySelector<HTMLElement>('[data-testid="question"][data-state="ahead"]');
      const last = q?.querySelector<HTMLElement>('.question-choices');
      const foot = Math.min(column.getBoundingClientRect().bottom - parseFloat(getComputedStyle(column).borderBottomWidth || '0'), window.innerHeight) + 0.5;
      setCueBelow(!!last && last.getBoundingClientRect().bottom > foot);
      setTextBelow(presenter && !!text.current && text.current.getBoundingClientRect().bottom > foot);
      const verdict = s.querySelector<HTMLElement>(`[data-testid="question"][data-state="revealed"][data-step="${shown}"] [data-testid="question-verdict"]`);
      setAnswerBelow(presenter && !!verdict && verdict.getBoundingClientRect().bottom > foot);
    };
    check();
    // Again once the story's fit and a seek have settled the layout.
    const later = requestAnimationFrame(check);
    column.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', check);
    return () => {
      cancelAnimationFrame(later);
      column.removeEventListener('scroll', check);
      window.removeEventListener('resize', check);
    };
  });
  // A person moved the story: its step, head to text, comes into view in the column, whatever it
  // was scrolled to: at once (the head), and again when the seek lands on the new step, whose
  // text may run below the column (1024x768: idle-timeout-race's step 2 ended 492 px below it).
  // Playing into a step leaves the column alone. 'nearest': no scroll when already in view; the
  // text first, then the head, so a step taller than the column shows its head and what fits.
  useEffect(() => {
    const m = moved.current;
    const fresh = storyMoves !== m.moves;
    if (storyMoves === 0 || (!fresh && !m.awaiting)) return;
    m.awaiting = fresh;
    m.moves = storyMoves;
    bringIntoView();
    // Landed: the step's figure fills in a frame or two later (partial-adoption's step 2 at
    // 1024x768 grew 23 px 76 ms after the step showed, its text's end then under the column's
    // foot), so for a moment the step is brought into view again whenever it changes size.
    const s = section.current;
    if (fresh || !s) return;
    const watch = new ResizeObserver(() => bringIntoView());
    watch.observe(s);
    const stop = setTimeout(() => watch.disconnect(), 1500);
    return () => {
      clearTimeout(stop);
      watch.disconnect();
    };
  }, [storyMoves, shown]);
  if (steps.length === 0 && !lesson) return null;

  // In presenter mode a move plays on into the step's figure's window (stepLanding, N6's F3).
  const go = (i: number) => {
    store.setState((d) => void d.storyMoves++);
    void controller.seek(storyMoveTo(store.getState(), i));
  };
  const step = steps[shown];
  const prev = aim - 1;
  const next = aim + 1;
  return (
    <section className="narrative" aria-label="Narrative" data-testid="narrative" ref={section}>
      {step && (
        <>
          <div className="narrative-head" ref={head}>
            {/* While the column shows a seek's target step, the head names it, not the clock's (it read "step 2 of 5" over
                step 4's dimmed title: E1, session 41); its own test id, so a wait for narrative-step waits for the landing. */}
            <h2 className="section-title" title={passing >= 0 ? `On its way to step ${passing + 1} at ${formatClock(steps[passing].at)}; the clock is at ${index < 0 ? 'the start' : `step ${index + 1}`}` : undefined}>
              <span data-testid={passing >= 0 ? 'narrative-step-seeking' : 'narrative-step'}>
                {passing >= 0 ? `seeking to step ${passing + 1} of ${steps.length}` : index < 0 ? `starts at ${formatClock(step.at)}` : `step ${index + 1} of ${steps.length}`}
              </span>
              {/* Seeking, its moment shows at any width (below 1280 px the clock's step hides it): it is said nowhere else. */}
              <span className={passing >= 0 ? 'narrative-at narrative-at-seeking' : 'narrative-at'}> · {formatClock((passing >= 0 ? steps[passing] : step).at).replace(/\.0+ s$/, ' s')}</span>
            </h2>
            <div className="narrative-nav">
              <button
                type="button"
                className="button button-quiet button-small"
                data-testid="narrative-prev"
                disabled={blocked || prev < 0}
                title={prev >= 0 ? `Run again from 0 to ${formatClock(steps[prev].at)}, replaying the faults you injected at their times (p, PageUp, ←)` : undefined}
                onClick={onceForDoubleClick(() => void go(prev))}
              >
                ‹ back
              </button>
              <button
                type="button"
                className="button button-small button-next"
                data-testid="narrative-next"
                disabled={blocked || next >= steps.length}
                title={next < steps.length ? `Run the simulation to ${formatClock(steps[next].at)} (n, PageDown, →)` : undefined}
                onClick={onceForDoubleClick(() => void go(next))}
              >
                next ›
              </button>
            </div>
          </div>
          {/* Once the column shows the seek's step (passing), the head says where it goes ("seeking to step 4 of 5 · 25 s"):
              this line said it again under it (session 43), so it shows only while the column shows the clock's step. */}
          {going !== null && going !== index && going >= 0 && passing < 0 && (
            <p className="narrative-going" data-testid="narrative-going" role="status" title={`Running to step ${going + 1} at ${formatClock(steps[going].at)}; the step below is where the clock is now`}>
              → step {going + 1} · {formatClock(steps[going].at).replace(/\.0+ s$/, ' s')}…
            </p>
          )}
          {landed !== null && (
            <p className="narrative-going narrative-landed" data-testid="narrative-landed" title={`The step starts at ${formatClock(step.at)}; next › in presenter mode plays on into its figure's window so the room sees a number, not "—"`}>
              {landed}
            </p>
          )}
          {passing >= 0 ? (
            <>
              <h3 className="narrative-title narrative-passing" data-testid="narrative-passing-title">
                <KeepUnits text={steps[passing].title} />
              </h3>
              <p className="narrative-text narrative-passing" data-testid="narrative-passing-text">
                <KeepUnits text={steps[passing].text} />
              </p>
              <p className="narrative-passing-note muted" data-testid="narrative-passing" role="status">
                {steps[passing].figure || steps[passing].question || questionsAt(steps, passing).length > 0 ? 'Its figures and questions show when the run gets there.' : 'Shown in full when the run gets there.'}
              </p>
            </>
          ) : (
            <>
              <h3 className="narrative-title" data-testid="narrative-title">
                <KeepUnits text={step.title} />
              </h3>
              {step.figure && <LessonFigureView figure={step.figure} />}
              <p className="narrative-text" data-testid="narrative-text" ref={text}>
                <KeepUnits text={step.text} />
              </p>
              {textBelow && (
                <div className="question-cue-anchor">
                  <button type="button" className="question-cue" data-testid="step-cue" onClick={() => (cueBelow ? section.current?.querySelector('[data-testid="question"][data-state="ahead"]')?.scrollIntoView({ block: 'end', behavior: 'instant' }) : showTextEnd(text.current))}>
                    ↓ More of this step below
                  </button>
                </div>
              )}
              {questionsAt(steps, index).map((q) => (
                <QuestionView key={q.step} step={q.step} revealed={q.state === 'revealed'} />
              ))}
              {answerBelow && !textBelow && <AnswerCue section={section} step={shown} />}
              {cueBelow && !textBelow && !answerBelow && <QuestionCue section={section} />}
            </>
          )}
          <ol className="narrative-dots" aria-hidden="true">
            {steps.map((_, i) => (
              <li key={i} className={i === index ? 'current' : i < index ? 'past' : ''} />
            ))}
          </ol>
        </>
      )}
      {/* The figures measured first, the lesson's words under them: at 1280x720 the prose pushed the
          numbers a teacher points at (24.0% failing, 43/s) below the column's foot (trial N17, 3). */}
      <LessonFigures />
      {lesson && (
        <p className="lesson" data-testid="lesson">
          <span className="lesson-label">Lesson</span> <KeepUnits text={lesson} />
        </p>
      )}
    </section>
  );
}
