import { describe, expect, it } from 'vitest';
import { fitLine, healthParts } from '../../src/ui/topology/svgNodeState';

/** A tspan stand-in: 8 design units a character, in the SVG until removed. */
class Span {
  isConnected = true;
  attrs: Record<string, string> = {};
  constructor(public textContent: string) {}
  getComputedTextLength() {
    return this.textContent.length * 8;
  }
  setAttribute(k: string, v: string) {
    this.attrs[k] = v;
  }
  remove() {
    this.isConnected = false;
  }
}
const span = (t: string) => new Span(t) as Span & SVGTSpanElement;
const texts = (parts: readonly (readonly [string, string, string?])[]) => parts.map(([, t, s]) => [t, s]);

describe('the state lines under a box', () => {
  it("say a killed replica's fault and its count as one part where one line holds more parts than that, the tooltip keeping each", () => {
    // control-plane-outage's orders at 60 s in presenter mode: one line, three parts.
    const one = healthParts(['kill-replica'], 3, 1, 3, 0, 0, '', 1);
    expect(texts(one.shown)).toEqual([['⚡ 1 of 3 replicas killed', '⚡ 1 of 3 killed'], ['stale config (3 of 3)', 'stale config']]);
    expect(one.titled.map(([, t]) => t)).toEqual(['⚡ kill one replica', '1 of 3 down', 'stale config (3 of 3)']);
    // Two lines for two parts: each as it was ("⚡ kill one replica", then "1 of 2 down").
    const two = healthParts(['kill-replica'], 2, 1, 0, 0, 0, '', 2);
    expect(texts(two.shown)).toEqual([['⚡ kill one replica', '⚡ kill'], ['1 of 2 down', '1/2 down']]);
    // A killed service's count is left to the tooltip, as before.
    expect(texts(healthParts(['kill-service'], 2, 2, 0, 0, 0, '', 1).shown)).toEqual([['⚡ kill a service', '⚡ kill']]);
    // Another fault first keeps its place; the kill's part is the merged one.
    expect(texts(healthParts(['http-abort', 'kill-replica'], 2, 1, 0, 0, 0, '', 1).shown)).toEqual([['⚡ HTTP errors', '⚡ HTTP'], ['⚡ 1 of 2 replicas killed', '⚡ 1 of 2 killed']]);
  });

  it('say "no config" alike at any width when every proxy has none, and count some (control-plane-boundary: ledger and fraud-check read differently)', () => {
    expect(texts(healthParts([], 2, 0, 0, 2, 0, '', 1).shown)).toEqual([['no config', undefined]]);
    expect(texts(healthParts([], 3, 0, 0, 1, 0, '', 1).shown)).toEqual([['no config (1 of 3)', 'no config 1/3']]);
  });

  it('say two kill-replica faults in force as the count killed, never "kill one replica" beside "2 of 4 down" (zone-failover)', () => {
    const two = healthParts(['kill-replica'], 4, 2, 0, 0, 0, '', 2);
    expect(texts(two.shown)).toEqual([['⚡ 2 of 4 replicas killed', '⚡ 2 of 4 killed']]);
    expect(two.titled.map(([, t]) => t)).toEqual(['⚡ 2 of 4 replicas killed']);
  });

  it("fit words before counts: the count of parts left out goes before a short form stands beside a bare '+N'", () => {
    // 110 units of room, squeezed to 0.78 at most: 141 units of text (orders' box in presenter mode has 124).
    const line = span('⚡ 1 of 3 replicas killed');
    const extra = span('+1 more');
    fitLine(line, extra, 110, '⚡ 1 of 3 killed');
    expect(line.textContent).toBe('⚡ 1 of 3 killed');
    expect(extra.isConnected).toBe(false);
    expect(line.attrs.textLength).toBe('110');
    // The whole text beside '+N' still comes first where it fits ('⚡ kill a service +1').
    const ledger = span('⚡ kill a service');
    const more = span('+1 more');
    fitLine(ledger, more, 160, '⚡ kill');
    expect([ledger.textContent, more.textContent, more.isConnected]).toEqual(['⚡ kill a service', '+1', true]);
    // Where the whole text fits alone, it shows alone rather than its short form.
    const http = span('⚡ HTTP errors');
    const rest = span('+2 more');
    fitLine(http, rest, 90, '⚡ HTTP');
    expect([http.textContent, rest.isConnected]).toEqual(['⚡ HTTP errors', false]);
  });
});
