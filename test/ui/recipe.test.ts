import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, formatT, pack, packActions, unpack, MAX_DATA_BYTES } from '../../src/ui/recipe';
import { formatClock, formatSimTime } from '../../src/ui/format';
import type { LiveAction } from '../../src/workers/protocol';

const ctx = { scenarioIds: ['hello-mesh', 'mesh-only', 'mm1'], defaultId: 'hello-mesh', speedIds: ['0.1', '1', '10', 'max'] };
const actions: LiveAction[] = [
  { kind: 'inject', ms: 10_000.123456789, ev: 4321, fault: { type: 'kill-service', service: 'catalog', for: '4s' } },
  { kind: 'clear', ms: 12_500, ev: 5000, id: 0 },
  { kind: 'clear', ms: 13_000, ev: -1, id: 1 },
];
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('a link holds the run', () => {
  it('round-trips scenario, seed, faults, an exact moment and the speed', () => {
    const search = encodeLink({ recipe: { scenario: { kind: 'builtin', id: 'mesh-only' }, seed: -42, actions }, tMs: 12_345.678901234, speedId: '10' });
    expect(search).toMatch(/^\?scenario=mesh-only&seed=-42&faults=[A-Za-z0-9_-]+&t=12345\.678901234ms&speed=10$/);
    const d = decodeLink(search, ctx);
    expect(d.problems).toEqual([]);
    expect(d).toMatchObject({ scenario: { kind: 'builtin', id: 'mesh-only' }, seed: -42, tMs: 12_345.678901234, speedId: '10' });
    expect(d.actions).toEqual(actions);
  });

  it('carries an edited scenario packed in full, a shipped one in about 2 KB', () => {
    const text = readFileSync(fileURLToPath(new URL('../../scenarios/control-plane-outage.json', import.meta.url)), 'utf8');
    const search = encodeLink({ recipe: { scenario: { kind: 'inline', text }, seed: null, actions: [] }, tMs: 90_000, speedId: '1' });
    expect(search.length).toBeLessThan(text.length * 0.6);
    expect(search.length).toBeLessThan(3000);
    const d = decodeLink(search, ctx);
    expect(d.problems).toEqual([]);
    expect(d.scenario).toEqual({ kind: 'inline', text });
    expect(d.tMs).toBe(90_000);
    expect(formatT(90_000)).toBe('90s');
  });

  it('opens the default scenario for an unknown name, saying which names exist', () => {
    const d = decodeLink('?scenario=no-such-thing', ctx);
    expect(d.scenario).toBeNull();
    expect(d.problems).toEqual([{ path: 'scenario', message: 'unknown scenario "no-such-thing", so hello-mesh opened instead (scenarios: hello-mesh, mesh-only, mm1)' }]);
  });

  it('says which scenario a mistyped name meant: a letter off, other capitals or a file extension', () => {
    expect(decodeLink('?scenario=mesh-onyl', ctx).problems[0].message).toBe('unknown scenario "mesh-onyl", so hello-mesh opened instead; did you mean mesh-only?');
    expect(decodeLink('?scenario=Mesh-Only', ctx).problems[0].message).toBe('unknown scenario "Mesh-Only", so hello-mesh opened instead; did you mean mesh-only?');
    expect(decodeLink('?scenario=hello-mesh.json', ctx).problems[0].message).toBe('unknown scenario "hello-mesh.json", so hello-mesh opened instead; did you mean hello-mesh?');
  });

  it("offers a mistyped name's link with the name it meant and the rest of the link kept: moment, faults, seed and fragment", () => {
    const d = decodeLink('?scenario=mesh-onyl&t=30s&seed=7&faults=abc#layout=x', ctx);
    expect(d.scenario).toBeNull();
    expect(d.problems[0].meantLink).toEqual({ id: 'mesh-only', href: '?scenario=mesh-only&t=30s&seed=7&faults=abc#layout=x' });
    expect(decodeLink('?scenario=no-such-thing&t=30s', ctx).problems[0].meantLink).toBeUndefined();
  });

  it('names each bad parameter and keeps the good ones', () => {
    const d = decodeLink('?scenario=mm1&t=-5s&speed=warp&seed=99999999999999999999&x=1', ctx);
    expect(d.scenario).toEqual({ kind: 'builtin', id: 'mm1' });
    expect(d.problems.map((p) => p.path)).toEqual(['x', 'seed', 't', 'speed']);
    expect(d.problems[0].message).toMatch(/^is not a link parameter \(they are: scenario, data, seed, faults, t, speed, layout, cols\)/);
    expect(d.problems[1].message).toMatch(/^must be a whole number from -9007199254740991 to 9007199254740991 .*got "99999999999999999999"/);
    expect(d.problems[2].message).toBe('must not be negative, got "-5s"; the run starts at 0');
    expect(d.problems[3].message).toBe('unknown speed "warp" (speeds: 0.1, 1, 10, max)');
    expect(d.tMs).toBe(0);
    expect(d.seed).toBeNull();
    expect(decodeLink('?t=90', ctx).tMs).toBe(90);
  });

  it("tells a t that is not a time both ways it can be written, a bare number being milliseconds as the README says", () => {
    // It said 'use a number with a unit', as if t=90 were refused, where it is 90 ms.
    const d = decodeLink('?scenario=mm1&t=abc', ctx);
    expect(d.problems).toEqual([{ path: 't', message: '"abc" is not a time: write a number with a unit, us, ms, s, m or h (90s, 12345.678ms), or a bare number, which is milliseconds (12345.678); the run starts at 0' }]);
    expect(d.tMs).toBe(0);
    expect(decodeLink('?t=12345.678', ctx).tMs).toBe(12_345.678);
    expect(decodeLink('?t=90s', ctx).tMs).toBe(90_000);
    expect(decodeLink('?t=1.5m', ctx).tMs).toBe(90_000);
    // An exponent is refused with its own reason (c1194f9), in the link as in files and flags.
    expect(decodeLink('?t=1e3', ctx).problems[0].message).toBe('"1e3" is written with an exponent; write the number out with its unit, e.g. "1000ms"; the run starts at 0');
    // Other problems keep their own words.
    expect(decodeLink('?t=-5s', ctx).problems[0].message).toBe('must not be negative, got "-5s"; the run starts at 0');
  });

  it('refuses a scenario over 256 KB compressed, saying how large it is', () => {
    const huge = 'A'.repeat(Math.ceil((3.2 * 1_048_576 * 4) / 3));
    const d = decodeLink(`?data=${huge}`, ctx);
    expect(d.scenario).toBeNull();
    expect(d.problems).toEqual([{ path: 'data', message: 'the scenario in it is 3.2 MB compressed, more than 256 KB; opened hello-mesh instead' }]);
    expect(MAX_DATA_BYTES).toBe(262_144);
  });

  it('stops unpacking a small link that would unpack into more than 16 MB (a deflate bomb)', () => {
    const bomb = b64(deflateSync(new Uint8Array(40 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(100_000);
    const d = decodeLink(`?data=${bomb}`, ctx);
    expect(d.problems).toEqual([{ path: 'data', message: 'unpacks to more than 16.0 MB; opened hello-mesh instead' }]);
  });

  it('says what is wrong with data that is not packed text', () => {
    expect(decodeLink('?data=<script>', ctx).problems[0]).toEqual({ path: 'data', message: 'is not base64url text (letters, digits, - and _); opened hello-mesh instead' });
    expect(decodeLink('?data=aGVsbG8gd29ybGQ', ctx).problems[0].message).toBe('is cut short or changed since this app wrote it (it does not unpack); opened hello-mesh instead');
    expect(unpack(b64(deflateSync(new Uint8Array([0xff, 0xfe, 0x41]))), 100)).toEqual({ ok: false, message: 'is not UTF-8 text once unpacked' });
  });

  it('names bad fault entries by their place, keeping the good ones', () => {
    const faults = pack(JSON.stringify([[1000, 10, { type: 'kill-service', service: 'x' }], [-1, 5, 0], [2000, 1.5, 0], [3000, 20, 'rm -rf'], 'junk', [4000, 30, 2]]));
    const d = decodeLink(`?scenario=mm1&faults=${faults}`, ctx);
    expect(d.problems.map((p) => p.path)).toEqual(['faults.1.0', 'faults.2.1', 'faults.3.2', 'faults.4']);
    expect(d.problems[0].message).toBe('the time must be a number of ms, 0 or more, got "-1"; left out');
    expect(d.actions).toEqual([
      { kind: 'inject', ms: 1000, ev: 10, fault: { type: 'kill-service', service: 'x' } },
      { kind: 'clear', ms: 4000, ev: 30, id: 2 },
    ]);
    expect(decodeLink(`?faults=${pack('{"a":1}')}`, ctx).problems).toEqual([{ path: 'faults', message: 'is not a list of faults; none were injected' }]);
    expect(decodeLink(`?faults=${pack(JSON.stringify(Array(1001).fill([0, 0, 0])))}`, ctx).problems[0].message).toBe('holds 1001 faults and clears, more than 1000; none were injected');
    expect(packActions([])).toBe(pack('[]'));
  });

  it("says a faults part cut short in a person's words, whatever length it was cut to (T4's trial, 8)", () => {
    const token = 'FcpbCoAgEEbhvfzPBooE4VbCB5PpApEyTkFEe286j4dvHJ3VjPPeOfNA7koIWEVql6bCAoNGfG353zlJ2suirxJnOgTBWwWS5GwIvfUGc2GVQ8Mb4wc';
    expect(decodeLink(`?scenario=mm1&faults=${token}`, ctx).problems).toEqual([]);
    for (const cut of [40, 41, 42, 43, token.length - 1]) {
      expect(decodeLink(`?scenario=mm1&faults=${token.slice(0, cut)}`, ctx).problems).toEqual([{ path: 'faults', message: 'is cut short or changed since this app wrote it (it does not unpack); none were injected' }]);
    }
  });
});

describe('a scenario in a link', () => {
  it('travels in the fragment, which servers never see, and reads back with the query', () => {
    const ctx = { scenarioIds: ['hello-mesh'], defaultId: 'hello-mesh', speedIds: ['1', '10'] };
    const text = JSON.stringify({ name: 'mine', clients: [], services: [] });
    const link = encodeLink({ recipe: { scenario: { kind: 'inline', text }, seed: 7, actions: [] }, tMs: 2000, speedId: '10' });
    expect(link).toMatch(/^\?seed=7&t=2s&speed=10#data=[A-Za-z0-9_-]+$/);
    const d = decodeLink(link, ctx);
    expect(d.problems).toEqual([]);
    expect(d.scenario).toEqual({ kind: 'inline', text });
    expect(d.seed).toBe(7);
    expect(d.tMs).toBe(2000);
  });
});

describe("a link's t, rounded within the moment it names", () => {
  it('writes float noise as at most three decimals of a ms, at most a microsecond later, before the next event: 13999.000000000005 ms is 13999.001ms', () => {
    // It was written to the nanosecond: 13999.000001ms, 866.666667ms (session 22's new users).
    expect(formatT(13_999.000000000005, 13_999.4)).toBe('13999.001ms');
    expect(formatT(13_999.000000000005, 14_000.2)).toBe('13999.001ms');
    expect(formatT(866.666_666_666_666_7, 868)).toBe('866.667ms');
    // Noise just under a whole ms, which the clock already reads as it (0.867 s), is that ms.
    expect(formatT(866.999_999_999_9, 868)).toBe('867ms');
    expect(formatClock(866.999_999_999_9)).toBe('0.867 s');
    // Under a tenth of a second (the link labels' step) or a half ms stays exact: rounded up, the
    // labels' window or a clock that rounds would read the next figure.
    expect(formatT(13_999.9999999995, 14_000.2)).toBe('13999.9999999995ms');
    expect(formatT(218.4999999999, 219.5)).toBe('218.4999999999ms');
    // A time with few decimals is written as it is.
    expect(formatT(218.4, 219.5)).toBe('218.4ms');
    // An event right after it: no shorter time is the same moment, so it stays exact.
    expect(formatT(13_999.000000000005, 13_999.000000000007)).toBe('13999.000000000005ms');
    expect(formatT(13_999.000000000005)).toBe('13999.000000000005ms');
  });

  it("reopens the paused run's very moment: the link's t reads back at most a microsecond later as the number written, its clock showing the same, for times played in float slices", () => {
    // A run paused at 218.4 ms with its next event at 219.5 ms was written t=219ms, and reopened
    // with its clock at 0.219 s where the paused page read 0.218 s (offline.spec, CI).
    const paused = [218.4, 218.437_219_999_99, 218.499_999_999_9, 999.999_999_999_9];
    const written: string[] = [];
    // Frames of 16.7 ms at 0.3x speed added up, as playing does.
    let t = 0;
    for (let i = 0; i < 4000; i++) {
      t += 16.7 * 0.3;
      if (i % 97 === 0) paused.push(t);
    }
    for (const ms of paused) {
      const search = encodeLink({ recipe: { scenario: { kind: 'builtin', id: 'hello-mesh' }, seed: null, actions: [] }, tMs: ms, tBeforeMs: ms + 1.1, speedId: '1' });
      const back = decodeLink(search, ctx);
      expect(back.problems).toEqual([]);
      const t = new URLSearchParams(search).get('t')!;
      expect(back.tMs, t).toBeGreaterThanOrEqual(ms);
      expect(back.tMs - ms).toBeLessThanOrEqual(1e-3);
      expect(formatSimTime(back.tMs)).toBe(formatSimTime(ms));
      expect(formatClock(back.tMs)).toBe(formatClock(ms));
      // No link label's tenth of a second passed on the way.
      expect(Math.floor(back.tMs / 100)).toBe(Math.floor(ms / 100));
      expect(t.length).toBeLessThanOrEqual(16);
      // Written again, the moment read back is the same text: it reads back exactly.
      expect(formatT(back.tMs, ms + 1.1), t).toBe(t);
      if (ms > 250) written.push(t);
    }
    // Played times read clean, three decimals of a ms at most, all but those just under a half ms.
    const clean = written.filter((t) => /^\d+(\.\d{1,3})?ms$|^\d+s$/.test(t));
    expect(clean.length).toBeGreaterThanOrEqual(written.length - 1);
    // Old links, rounded up to the next event, read as before.
    expect(decodeLink('?scenario=mesh-only&t=219ms&speed=1', ctx).tMs).toBe(219);
    expect(decodeLink('?scenario=mesh-only&t=13999.1ms&speed=1', ctx).tMs).toBe(13_999.1);
  });

  it('never rounds past a recipe action after the moment', () => {
    const kill: LiveAction = { kind: 'inject', ms: 13_999.000_000_5, ev: 100, fault: { type: 'kill-service', service: 'catalog' } };
    const search = encodeLink({ recipe: { scenario: { kind: 'builtin', id: 'hello-mesh' }, seed: null, actions: [kill] }, tMs: 13_999.000000000005, tBeforeMs: 13_999.4, speedId: '1' });
    expect(new URLSearchParams(search).get('t')).toBe('13999.000000000005ms');
  });
});
