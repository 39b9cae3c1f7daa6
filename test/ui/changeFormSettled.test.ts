import { describe, expect, it } from 'vitest';
import { buildChange, chosenTarget, detailsExample } from '../../src/ui/changes/changeForm';
import { readDetails } from '../../src/ui/changes/details';
import { defaultQuestion, settleGate, targetPending } from '../../src/ui/changes/formSettled';

const rs = { kind: 'builtin', id: 'retry-storm' } as const;
const services = ['web', 'orders', 'payments'];

describe("the change form's service waits for the reach worker's answer (N19's item 1)", () => {
  const asked = defaultQuestion(rs, services.join('|'));
  it('is pending from the first draw until that question is answered, unless the person picked a service', () => {
    expect(asked).not.toBe('');
    expect(targetPending(asked, null, services, '')).toBe(true);
    expect(targetPending(asked, asked, services, '')).toBe(false);
    // Picked by hand (or in the picture): the person's, at once.
    expect(targetPending(asked, null, services, 'payments')).toBe(false);
    // An answer for another scenario's list does not settle this one.
    expect(targetPending(asked, defaultQuestion({ kind: 'builtin', id: 'hello-mesh' }, services.join('|')), services, '')).toBe(true);
    // Nothing to ask (no scenario yet, or not a policy form): never pending.
    expect(targetPending(defaultQuestion(undefined, 'web'), null, services, '')).toBe(false);
    expect(targetPending(defaultQuestion(rs, ''), null, [], '')).toBe(false);
  });
  it("a change built while pending would name the first service (web); built once answered it names the answer (orders), as the form shows it", () => {
    const pending = buildChange('policy', '{"policy": {"retries": {"attempts": 0}}}', chosenTarget(services, '', null), null);
    const settled = buildChange('policy', '{"policy": {"retries": {"attempts": 0}}}', chosenTarget(services, '', 'orders'), null);
    expect(pending).toMatchObject({ ok: true, change: { service: 'web' } });
    expect(settled).toMatchObject({ ok: true, change: { service: 'orders' } });
  });
  it('the gate lets a press through at once when settled, and after the check that finds it settled otherwise', async () => {
    let pending = true;
    const gate = settleGate(() => pending);
    let passed = false;
    const w = gate.wait().then(() => void (passed = true));
    gate.check();
    await Promise.resolve();
    expect(passed).toBe(false);
    pending = false;
    gate.check();
    await w;
    expect(passed).toBe(true);
    await expect(gate.wait()).resolves.toBeUndefined();
  });
  it('the gate gives up after its longest wait (a reach worker that never answers leaves the form as shown)', async () => {
    const gate = settleGate(() => true, 5);
    await expect(gate.wait()).resolves.toBeUndefined();
  });
});

describe("a details box that is not a JSON object is shown its change kind's own example (N19's item 10)", () => {
  it('a retries change gets a policy example, an mTLS change an mTLS one', () => {
    expect(detailsExample('policy')).toBe('{"policy": {"retries": {"attempts": 0}}}');
    expect(detailsExample('mtls')).toBe('{"mode": "STRICT"}');
    expect(detailsExample('trusts')).toBe('{"trusts": []}');
    expect(buildChange('policy', '[]', 'orders', null)).toEqual({ ok: false, problems: [{ path: 'change.details', message: 'must be a JSON object, such as {"policy": {"retries": {"attempts": 0}}}, got a list' }] });
    expect(buildChange('sidecar-mode', 'nope', 'orders', null)).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/such as \{"mode": "L4"\}$/) }] });
    expect(readDetails('[]', '{"x": 1}')).toEqual({ ok: false, problem: { path: 'change.details', message: 'must be a JSON object, such as {"x": 1}, got a list' } });
  });
});
