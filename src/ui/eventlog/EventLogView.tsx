// The event log: the engine's trace, newest last, filtered by actor, kind and request, in a
// virtualised list that asks the worker only for the rows on screen. A click on a row seeks there,
// and a row of a request opens the inspector on it: its waterfall when kept, else why it was not.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { EventRows } from '../../workers/protocol';
import { chartsApi } from '../charts/seriesStore';
import { useAppStore, useController } from '../state/useAppStore';
import { formatCount, formatNumber } from '../format';
import { toEventFilter, type FilterInput } from './filter';
import { openEventRequest } from '../inspector/inspectorStore';
import { kindInWords } from './kindWords';

const ROW_PX = 22;
/**
 * Wall ms between refreshes of the rows on screen while the run plays. A run that stands still
 * (paused, ready, finished) asks again only when its frame moves (a seek, a step: `stats.seq`):
 * polling it re-rendered the table 2.5 times a second with the same rows and put the worker's idle
 * snapshot fill off (session 40: a paused retry-storm with the log open, 12 React commits and 89 ms
 * of main thread in 5 s, against none and about 15 ms with it closed).
 */
const REFRESH_MS = 400;

export function EventLogView() {
  const controller = useController();
  const info = useAppStore((s) => s.info);
  const seq = useAppStore((s) => s.stats.seq);
  const playing = useAppStore((s) => s.status === 'playing');
  const [names, setNames] = useState<{ actors: string[]; kinds: string[] }>({ actors: [], kinds: [] });
  const [input, setInput] = useState<FilterInput>({ actor: '', kind: '', request: '' });
  const [rows, setRows] = useState<EventRows | null>(null);
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const parsed = useMemo(() => toEventFilter(input, names.actors, names.kinds), [input, names]);
  const total = rows?.total ?? 0;
  // The list's height past its last whole row, CSS px: following the newest, that much room is
  // left under the last row so the top row shows whole, not cut in half under the head (1024x768).
  const rest = useRowRemainder(scroller, ROW_PX);
  const virtual = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 10, paddingEnd: rest, scrollPaddingEnd: rest });
  const items = virtual.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;

  useEffect(() => {
    const api = chartsApi();
    if (!api || !info) return;
    let live = true;
    api.eventLogNames().then((n) => live && setNames(n), () => {});
    return () => {
      live = false;
    };
  }, [info]);

  // Ask for the rows on screen: now, when they change, and while playing every REFRESH_MS (new events).
  const want = useRef({ first, last, follow, filter: parsed });
  want.current = { first, last, follow, filter: parsed };
  useEffect(() => {
    const api = chartsApi();
    if (!api || !info || !parsed.ok) return;
    let live = true;
    let asking = false;
    const ask = async () => {
      if (asking) return;
      asking = true;
      try {
        const w = want.current;
        if (!w.filter.ok) return;
        // Following the end: the last rows whatever their number; else the rows in view.
        const probe = await api.eventLogQuery(0, 0, w.filter.filter);
        if (!live || !probe) return;
        const span = Math.max(40, w.last - w.first + 20);
        const from = w.follow ? Math.max(0, probe.total - span) : Math.max(0, w.first - 10);
        const got = await api.eventLogQuery(from, span, w.filter.filter);
        if (live && got) setRows(got);
      } catch {
        // The worker is being replaced; the next tick asks the new one.
      } finally {
        asking = false;
      }
    };
    void ask();
    const timer = playing ? setInterval(() => void ask(), REFRESH_MS) : undefined;
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [info, parsed, first, last, follow, seq, playing]);

  useEffect(() => {
    if (follow && total > 0) virtual.scrollToIndex(total - 1, { align: 'end' });
  }, [follow, total, virtual, rest]);

  const row = (i: number) => {
    if (!rows) return null;
    const k = i - rows.offset;
    return k >= 0 && k < rows.index.length ? k : null;
  };
  const kindOptions = names.kinds.filter((k) => k);
  return (
    <div className="eventlog" data-testid="event-log">
      <div className="eventlog-filters">
        <label>
          actor
          <input data-testid="event-filter-actor" value={input.actor} placeholder="any" onChange={(e) => setInput({ ...input, actor: e.target.value })} />
        </label>
        <label>
          kind
          <select data-testid="event-filter-kind" value={input.kind} onChange={(e) => setInput({ ...input, kind: e.target.value })}>
            <option value="">any</option>
            {kindOptions.map((k) => (
              <option key={k} value={k} title={k}>
                {kindInWords(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          request
          <input data-testid="event-filter-request" value={input.request} placeholder="#" inputMode="numeric" size={8} onChange={(e) => setInput({ ...input, request: e.target.value })} />
        </label>
        <label className="eventlog-follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
        </label>
        <span className="eventlog-count" data-testid="event-count">
          {!parsed.ok ? (
            <span className="eventlog-problem">{parsed.message}</span>
          ) : rows ? (
            `${formatCount(rows.total)} events${rows.dropped > 0 ? ` (the newest ${formatCount(rows.capacity)} are kept; ${formatCount(rows.dropped)} older dropped)` : ` · keeps the newest ${formatCount(rows.capacity)}`}`
          ) : (
            '…'
          )}
        </span>
      </div>
      <div className="eventlog-head" aria-hidden="true">
        <span>time</span>
        <span>kind</span>
        <span>actor</span>
        <span>request</span>
      </div>
      <div
        className="eventlog-scroll"
        ref={scroller}
        onWheel={() => setFollow(false)}
        onKeyDown={(e) => (e.key.startsWith('Arrow') || e.key.startsWith('Page') ? setFollow(false) : undefined)}
        tabIndex={0}
        role="list"
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const k = row(v.index);
            const t = k === null ? null : rows!.time[k];
            return (
              <div
                key={v.key}
                role="listitem"
                className="eventlog-row"
                data-testid="event-row"
                data-time={t ?? undefined}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_PX }}
                onClick={() => {
                  if (t === null) return;
                  const id = rows!.request[k!];
                  void controller.seek(t).then(() => (id > 0 ? openEventRequest(id) : undefined));
                }}
                title={t !== null ? (rows!.request[k!] ? 'Go to this moment and follow the request' : 'Go to this moment') : undefined}
              >
                {k === null ? (
                  <span className="eventlog-loading">…</span>
                ) : (
                  <>
                    <span className="eventlog-time">{formatNumber(rows!.time[k], 3)} ms</span>
                    <span className="eventlog-kind" title={names.kinds[rows!.kind[k]] || undefined}>
                      {kindInWords(names.kinds[rows!.kind[k]] || rows!.kind[k])}
                    </span>
                    <span className="eventlog-actor">{names.actors[rows!.actor[k]] ?? rows!.actor[k]}</span>
                    <span className="eventlog-request" data-request={rows!.request[k] || undefined}>
                      {rows!.request[k] ? `#${rows!.request[k]}` : ''}
                    </span>
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/**
 * `el`'s inner height past its last whole row of `rowPx`, CSS px, following its size: a list
 * scrolled to its end shows its top row whole when that much room is left under the last.
 */
function useRowRemainder(el: RefObject<HTMLElement | null>, rowPx: number): number {
  const [rest, setRest] = useState(0);
  useLayoutEffect(() => {
    const box = el.current;
    if (!box) return;
    const measure = () => setRest(Math.round(box.clientHeight % rowPx));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    return () => ro.disconnect();
  }, [el, rowPx]);
  return rest;
}
