import { describe, expect, it } from 'vitest';
import { BIN_USAGE } from '../../src/cli/dispatch';
import { FAIL_ON } from '../../src/cli/lint';

describe("the bin's usage", () => {
  it("lists every --fail-on value lint takes, in lint's order (it left out info)", () => {
    const line = BIN_USAGE.split('\n').find((l) => l.includes('meshsim lint'));
    expect(line).toContain(`[--fail-on ${FAIL_ON.join('|')}]`);
  });
});
