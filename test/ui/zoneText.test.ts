import { describe, expect, it } from 'vitest';
import { hasZones, servedLine, servedPerSecond, zoneServedWords } from '../../src/ui/topology/zoneText';
import { proxyCpuText, servedNowText } from '../../src/ui/inspector/replicaText';

const win = (served: number, share: number, proxyCpu: number | null = 0.012) => ({ served, share, proxyCpu, fromMs: 29_000, toMs: 30_000 });
const proxy = { cpuUtilization: 0.012 } as never;

describe("a replica's zone and what it serves now, in words", () => {
  it('zone-failover at 30 s: zone-b serves 108/s, 55% of payments; zone-a down serves 0 and uses 0% proxy CPU though 1.2% since the start', () => {
    expect(servedNowText({ recent: win(108, 0.55) })).toBe('108 · 55%');
    expect(servedNowText({ recent: win(0, 0) })).toBe('0');
    expect(servedNowText({})).toBe('—');
    expect(proxyCpuText({ recent: win(0, 0, 0), proxy })).toBe('0.0%');
    expect(proxyCpuText({ proxy })).toBe('1.2%');
    expect(proxyCpuText({ recent: win(0, 0, null), proxy: null })).toBe('—');
  });

  it('a card says its rate, shorter where narrow, with its queue first when it has one', () => {
    expect(servedLine({ recent: win(108, 0.55), queued: 0 })).toEqual(['108 req/s', '108/s']);
    expect(servedLine({ recent: win(4, 0.5), queued: 0 })).toEqual(['4.0 req/s', '4.0/s']);
    expect(servedLine({ recent: win(0, 0), queued: 3 })).toEqual(['0/s · 3 queued', '0/s +3q', '+3q']);
    expect(servedLine({ queued: 0 })).toEqual(['— req/s', '—/s']);
    // Before the first second is out the window is shorter: 20 served in 0.5 s is 40 a second.
    expect(servedPerSecond({ recent: { served: 20, share: 1, proxyCpu: null, fromMs: 0, toMs: 500 } })).toBe(40);
    expect(zoneServedWords({ recent: win(108, 0.55), zone: 'zone-b' })).toBe("in zone-b, served 108 req/s over the last second (55% of its service's)");
  });

  it('zones show only for a scenario info that names them', () => {
    expect(hasZones({ zones: { payments: ['zone-a', 'zone-b'] } })).toBe(true);
    expect(hasZones({ name: 'mm1' })).toBe(false);
    expect(hasZones(null)).toBe(false);
  });
});
