import { describe, expect, test } from 'vitest';
import { pack } from '../../src/ui/recipe/codec';
import { decodeLink, encodeLink, MAX_LAYOUT_NODES } from '../../src/ui/recipe/url';
import type { Recipe } from '../../src/ui/recipe/types';

const ctx = { scenarioIds: ['hello-mesh'], defaultId: 'hello-mesh', speedIds: ['1'] };
const recipe = (layout?: Recipe['layout']): Recipe => ({ scenario: { kind: 'builtin', id: 'hello-mesh' }, seed: null, actions: [], ...(layout ? { layout } : {}) });

describe('dragged node positions in a link', () => {
  test('a link holds the dragged positions and reads them back exactly; none, no parameter', () => {
    const layout = { cart: { x: -512.5, y: 903.1 }, 'control-plane:mesh': { x: 0, y: -40 } };
    const search = encodeLink({ recipe: recipe(layout), tMs: 0, speedId: '1' });
    expect(search).toMatch(/[?&]layout=[A-Za-z0-9_-]+/);
    const back = decodeLink(search, ctx);
    expect(back.problems).toEqual([]);
    expect(back.layout).toEqual(layout);
    expect(encodeLink({ recipe: recipe(), tMs: 0, speedId: '1' })).not.toContain('layout=');
    expect(encodeLink({ recipe: recipe({}), tMs: 0, speedId: '1' })).not.toContain('layout=');
  });

  test('bad positions are named at layout.<name> and left out; the good ones are kept', () => {
    const param = pack(JSON.stringify({ cart: [1, 2], far: [2e6, 0], text: ['1', 2], short: [1] }));
    const r = decodeLink(`?scenario=hello-mesh&layout=${param}`, ctx);
    expect(r.layout).toEqual({ cart: { x: 1, y: 2 } });
    expect(r.problems.map((p) => p.path)).toEqual(['layout.far', 'layout.text', 'layout.short']);
    expect(r.problems[0].message).toBe('must be [x, y], numbers from -1000000 to 1000000 (design units); left out');
  });

  test('a layout that is not packed JSON, not an object, or too long is refused whole', () => {
    expect(decodeLink('?layout=%%%', ctx).problems[0].path).toBe('layout');
    expect(decodeLink(`?layout=${pack('[1,2]')}`, ctx).problems).toEqual([{ path: 'layout', message: "is not an object of node positions; the scenario's own layout is used" }]);
    const many = Object.fromEntries(Array.from({ length: MAX_LAYOUT_NODES + 1 }, (_, i) => [`n${i}`, [i, i]]));
    const r = decodeLink(`?layout=${pack(JSON.stringify(many))}`, ctx);
    expect(r.layout).toEqual({});
    expect(r.problems[0].message).toBe(`holds ${MAX_LAYOUT_NODES + 1} node positions, more than ${MAX_LAYOUT_NODES}; the scenario's own layout is used`);
  });
});
