import { describe, expect, it } from 'vitest';
import { namedProblems, problemsWithLines } from '../../src/ui/editor/lines';
import { parseScenarioText } from '../../src/scenario';

const yaml = ['name: y', 'duration: 10s', 'clients:', '  - { name: c, type: open, rate: -1, target: a }', 'services:', '  - name: a', '    replicas: 0', '    serviceTime: fast', ''].join('\n');

describe('a file opened with Open file… lists each problem at its line', () => {
  it('reads `line N: path` for YAML fields, in reading order', () => {
    const r = parseScenarioText(yaml, 'yaml');
    expect(r.ok).toBe(false);
    const lines = problemsWithLines(yaml, r.ok ? [] : r.problems).map((p) => `${p.path}: ${p.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^line 4: clients\.c\.rate: must be greater than zero/),
      'line 7: services.a.replicas: must be at least 1, got 0',
      expect.stringMatching(/^line 8: services\.a\.serviceTime: "fast" is not a duration/),
    ]);
  });

  it('keeps a syntax problem as the file’s, its message naming the line already', () => {
    const text = '{\n  "name": "x",\n  "duration" "10s"\n}\n';
    const r = parseScenarioText(text, 'json');
    const got = problemsWithLines(text, r.ok ? [] : r.problems);
    expect(got).toHaveLength(1);
    expect(got[0].path).toBe('(file)');
    expect(got[0].message).toMatch(/^malformed JSON at line 3, column \d+/);
  });

  it('keeps the path of a problem found on no line (a whole-run one)', () => {
    expect(problemsWithLines('name: x\n', [{ path: '(run)', message: 'stalled' }, { path: 'services.9', message: 'none such' }])).toEqual([
      { path: '(run)', message: 'stalled' },
      // The deepest part the text has: the document, on line 1.
      { path: 'line 1: services.9', message: 'none such' },
    ]);
  });

  it("names a share link's scenario problems without lines (namedProblems): items by name, the order and other paths kept", () => {
    const r = parseScenarioText(yaml, 'yaml');
    expect(namedProblems(yaml, r.ok ? [] : r.problems).map((p) => p.path)).toEqual(['clients.c.rate', 'services.a.replicas', 'services.a.serviceTime']);
    expect(namedProblems('name: x\n', [{ path: '(file)', message: 'at line 1' }, { path: 'services.9', message: 'none such' }])).toEqual([
      { path: '(file)', message: 'at line 1' },
      { path: 'services.9', message: 'none such' },
    ]);
    expect(namedProblems('{"services": [{"name": "web"}, {"name": "web"}]}', [{ path: 'services.1.name', message: '"web" is also the name of services.0' }])).toEqual([
      { path: 'services.1.name', message: '"web" is also the name of services.0' },
    ]);
  });
});
