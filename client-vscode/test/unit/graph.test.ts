import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { depths, describe as describeNode, Graph, graphHtml, layout, neighbours, parseGraph, renderSvg, shorten } from '../../src/core/graph';

type Spec = { label: string; kind?: 'profile' | 'source'; selected?: boolean; error?: string; line?: number };

/** A graph from labels (ids are p<i>), edges as [from label, to label, edge label]. */
function graph(nodes: Spec[], edges: [string, string, string?][], groups: [string, string[]][] = []): Graph {
  const id = new Map(nodes.map((n, i) => [n.label, `p${i}`]));
  return parseGraph({
    selected: nodes.find((n) => n.selected)?.label ?? null,
    nodes: nodes.map((n, i) => ({
      id: `p${i}`,
      label: n.label,
      kind: n.kind ?? 'profile',
      selected: !!n.selected,
      error: n.error ? { type: n.error, message: `${n.error} for ${n.label}` } : null,
      location: n.kind === 'source' ? null : { uri: 'file:///home/me/.aws/config', line: n.line ?? i },
    })),
    edges: edges.map(([a, b, label]) => ({ source: id.get(a), target: id.get(b), label: label ?? 'source_profile' })),
    groups: groups.map(([name, members]) => ({ name, members: members.map((m) => id.get(m)) })),
  });
}

const SAMPLE = graph(
  [
    { label: 'admin', selected: true },
    { label: 'base' },
    { label: 'shared-credentials-file', kind: 'source' },
    { label: 'broken', error: 'InvalidConfigError' },
    { label: 'ghost', error: 'ProfileNotFound' },
    { label: 'sso-a' },
    { label: 'sso-b' },
    { label: 'sso', kind: 'source' },
    { label: 'lonely' },
  ],
  [
    ['admin', 'base'],
    ['base', 'shared-credentials-file', 'credentials'],
    ['broken', 'ghost'],
    ['sso-a', 'sso', 'credentials'],
    ['sso-b', 'sso', 'credentials'],
  ],
  [['corp', ['sso-a', 'sso-b']]],
);

/** Boxes of one column must not overlap; returns the number of nodes checked. */
function assertNoOverlap(g: Graph): number {
  const l = layout(g);
  let n = 0;
  for (const col of l.columns) {
    const boxes = col.map((id) => l.placed.get(id)!).sort((a, b) => a.y - b.y);
    for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i].y >= boxes[i - 1].y + boxes[i - 1].h, `${boxes[i].node.label} overlaps ${boxes[i - 1].node.label}`);
    n += boxes.length;
  }
  assert.equal(n, g.nodes.length);
  return n;
}

describe('parseGraph', () => {
  it('reads what is well formed and drops the rest, never throwing', () => {
    for (const raw of [null, 42, 'x', [], {}, { nodes: 'no' }, { nodes: [null, 1, {}] }]) {
      assert.deepEqual(parseGraph(raw).nodes, []);
    }
    const g = parseGraph({
      nodes: [{ id: 'a', label: 'a' }, { id: 'a', label: 'twice' }, { id: 'b', kind: 'source', location: { uri: 1 } }],
      edges: [{ source: 'a', target: 'b' }, { source: 'a', target: 'nowhere' }, null],
      groups: [{ name: 'g', members: ['a', 'nowhere', 3] }, { members: [] }],
    });
    assert.deepEqual(g.nodes.map((n) => [n.id, n.label, n.kind, n.location]), [['a', 'a', 'profile', null], ['b', 'b', 'source', null]]);
    assert.deepEqual(g.edges, [{ source: 'a', target: 'b', label: '' }]);
    assert.deepEqual(g.groups, [{ name: 'g', members: ['a'] }]);
  });
});

describe('layout', () => {
  it('puts each chain left to right, the credential sources in the last column', () => {
    const d = depths(SAMPLE);
    const by = (label: string) => d.get(SAMPLE.nodes.find((n) => n.label === label)!.id);
    assert.deepEqual(['admin', 'base', 'shared-credentials-file', 'broken', 'ghost', 'sso-a', 'sso', 'lonely'].map(by), [2, 1, 0, 2, 1, 1, 0, 1]);
    const l = layout(SAMPLE);
    const last = l.columns[l.columns.length - 1].map((id) => l.placed.get(id)!.node.label);
    assert.deepEqual(last.sort(), ['shared-credentials-file', 'sso']);
    for (const e of SAMPLE.edges) {
      const a = l.placed.get(e.source)!;
      const b = l.placed.get(e.target)!;
      assert.ok(a.x + a.w < b.x, `${a.node.label} → ${b.node.label} does not go right`);
    }
    // a chain reads as a line: each node level with what points to it
    const middle = (label: string) => [...l.placed.values()].filter((p) => p.node.label === label).map((p) => p.y + p.h / 2)[0];
    assert.equal(middle('base'), middle('admin'));
    assert.equal(middle('shared-credentials-file'), middle('base'));
    assertNoOverlap(SAMPLE);
  });

  it('boxes the profiles of an sso-session together, and keeps other nodes out of the box', () => {
    const g = graph(
      [{ label: 'a1' }, { label: 'x' }, { label: 'a2' }, { label: 'b1' }, { label: 'sso', kind: 'source' }],
      [['a1', 'sso'], ['x', 'sso'], ['a2', 'sso'], ['b1', 'sso']],
      [['a', ['a1', 'a2']], ['b', ['b1']]],
    );
    const l = layout(g);
    assert.deepEqual(l.boxes.map((b) => b.name).sort(), ['a', 'b']);
    const box = l.boxes.find((b) => b.name === 'a')!;
    const inside = [...l.placed.values()].filter((p) => p.y >= box.y && p.y + p.h <= box.y + box.h && p.x >= box.x && p.x + p.w <= box.x + box.w);
    assert.deepEqual(inside.map((p) => p.node.label).sort(), ['a1', 'a2']);
    assertNoOverlap(g);
  });

  it('survives a source_profile loop and a self-loop (botocore refuses them; the picture shows them)', () => {
    const g = graph([{ label: 'a', error: 'InfiniteLoopConfigError' }, { label: 'b' }, { label: 'c' }, { label: 'self' }], [['a', 'b'], ['b', 'c'], ['c', 'a'], ['self', 'self']]);
    const d = depths(g);
    assert.equal(d.size, 4);
    assert.ok([...d.values()].every((v) => v >= 1));
    assertNoOverlap(g);
    const svg = renderSvg(g, layout(g));
    assert.equal((svg.match(/<path class="edge/g) ?? []).length, 4);
  });

  it('lays out a chain 3,000 profiles deep without exhausting the stack', () => {
    const n = 3000;
    const nodes: Spec[] = Array.from({ length: n }, (_, i) => ({ label: `c${i}` }));
    const g = graph(nodes, nodes.slice(1).map((x, i) => [nodes[i].label, x.label]));
    assert.equal(depths(g).get('p0'), n);
    assert.equal(layout(g).columns.length, n + 1);
  });
});

describe('keyboard', () => {
  it('arrows move up and down a column, right along an edge and left back', () => {
    const l = layout(SAMPLE);
    const nav = neighbours(SAMPLE, l);
    const id = (label: string) => SAMPLE.nodes.find((n) => n.label === label)!.id;
    assert.equal(nav.get(id('admin'))!.right, id('base'));
    assert.equal(nav.get(id('base'))!.left, id('admin'));
    assert.equal(nav.get(id('base'))!.right, id('shared-credentials-file'));
    for (const col of l.columns) {
      for (let i = 1; i < col.length; i++) {
        assert.equal(nav.get(col[i])!.up, col[i - 1]);
        assert.equal(nav.get(col[i - 1])!.down, col[i]);
      }
    }
  });
});

describe('renderSvg and graphHtml', () => {
  it('draws every node, focusable and described, the selected one and the failing ones marked', () => {
    const svg = renderSvg(SAMPLE, layout(SAMPLE));
    assert.equal((svg.match(/<g class="node /g) ?? []).length, SAMPLE.nodes.length);
    assert.equal((svg.match(/tabindex="0"/g) ?? []).length, SAMPLE.nodes.length);
    assert.match(svg, /<g class="node profile selected linked" id="n-p0"[^>]* role="button" aria-label="profile admin, selected, Enter opens its header"/);
    assert.match(svg, /class="node profile error linked"[^>]*aria-label="profile broken, fails: InvalidConfigError: InvalidConfigError for broken/);
    assert.match(svg, />✗ ProfileNotFound</);
    assert.match(svg, />● selected</);
    assert.match(svg, /class="node source"[^>]*role="img"/);
    assert.match(svg, />sso-session corp</);
    assert.equal((svg.match(/<path class="edge /g) ?? []).length, SAMPLE.edges.length);
    // the selected profile's chain, to where its credentials come from, is highlighted
    assert.match(svg, /class="edge source_profile chosen"[^>]*><title>admin → source_profile → base</);
    assert.match(svg, /class="edge credentials chosen"[^>]*><title>base → credentials → shared-credentials-file</);
    assert.equal((svg.match(/ chosen"/g) ?? []).length, 2);
  });

  it('dashes the edge kinds of a small drawing only (thousands of dashed curves take a browser minutes)', () => {
    assert.match(renderSvg(SAMPLE, layout(SAMPLE)), /<svg [^>]*id="graph" class="few"/);
    const many: Spec[] = Array.from({ length: 400 }, (_, i) => ({ label: `p${i}` }));
    const g = graph([...many, { label: 'sso', kind: 'source' }], many.map((n) => [n.label, 'sso', 'credentials']));
    assert.doesNotMatch(renderSvg(g, layout(g)), /class="few"/);
  });

  it('escapes what the files say and shortens long names', () => {
    const g = graph([{ label: '<script>alert("x")</script> & \'more\'' }, { label: 'n'.repeat(100) }], []);
    const svg = renderSvg(g, layout(g));
    assert.doesNotMatch(svg, /<script>|"x"\)/);
    assert.match(svg, /&#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62; &#38; &#39;more&#39;/);
    assert.match(svg, new RegExp(`>${'n'.repeat(39)}…<`));
    assert.equal(shorten('abc', 3), 'abc');
    assert.equal(describeNode(g.nodes[1]).includes('n'.repeat(100)), true); // the full name is said
  });

  it('the page loads nothing: CSP default-src none, one nonce for its only script and style', () => {
    const html = graphHtml(SAMPLE, { nonce: 'abc123' });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123';">/);
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="abc123">']);
    assert.deepEqual(html.match(/<style[^>]*>/g), ['<style nonce="abc123">']);
    assert.doesNotMatch(html, /\b(src|href)=|https?:\/\/(?!www\.w3\.org\/2000\/svg")|@import|url\((?!#arrow\))/);
    assert.doesNotMatch(html, / style=/); // inline style attributes would be blocked by the CSP
    assert.match(html, /2 failing/);
    assert.match(graphHtml(parseGraph({}), { nonce: 'n' }), /No profiles in the config and credentials files/);
  });
});

describe('2,500 profiles', () => {
  it('lay out and draw at once (measured, not asserted)', () => {
    // like a large organisation's file: sso-sessions of many profiles, roles chained 1 to 4
    // deep on a few base profiles, some broken links and a loop
    const nodes: Spec[] = [
      { label: 'sso', kind: 'source' },
      { label: 'shared-credentials-file', kind: 'source' },
      { label: 'Ec2InstanceMetadata', kind: 'source' },
    ];
    const edges: [string, string, string?][] = [];
    const groups = new Map<string, string[]>();
    for (let i = 0; i < 2500; i++) {
      const name = `team-${i}-account-${100000000000 + i}`;
      if (i % 5 === 0) {
        nodes.push({ label: name, selected: i === 1000 });
        edges.push([name, 'shared-credentials-file', 'credentials']);
      } else if (i % 5 === 1) {
        nodes.push({ label: name, error: i % 50 === 1 ? 'ProfileNotFound' : undefined });
        edges.push([name, `team-${i - 1}-account-${100000000000 + i - 1}`]);
      } else if (i % 5 === 2 && i % 10 !== 2) {
        nodes.push({ label: name });
        edges.push([name, `team-${i - 1}-account-${100000000000 + i - 1}`]);
      } else if (i % 97 === 3) {
        nodes.push({ label: name });
        edges.push([name, 'Ec2InstanceMetadata', 'credential_source']);
      } else {
        nodes.push({ label: name });
        edges.push([name, 'sso', 'credentials']);
        const g = `corp-${i % 7}`;
        groups.set(g, [...(groups.get(g) ?? []), name]);
      }
    }
    nodes.push({ label: 'loop-a' }, { label: 'loop-b' });
    edges.push(['loop-a', 'loop-b'], ['loop-b', 'loop-a']);
    const g = graph(nodes, edges, [...groups]);
    const t0 = performance.now();
    const l = layout(g);
    const t1 = performance.now();
    const svg = renderSvg(g, l);
    const t2 = performance.now();
    const html = graphHtml(g, { nonce: 'n' });
    const t3 = performance.now();
    console.log(
      `      2,500 profiles (${g.nodes.length} nodes, ${g.edges.length} edges, ${g.groups.length} sso-sessions, ${l.columns.length} columns): ` +
        `layout ${(t1 - t0).toFixed(1)} ms, SVG ${(t2 - t1).toFixed(1)} ms (${Math.round(svg.length / 1024)} KiB), ` +
        `whole page ${(t3 - t2).toFixed(1)} ms; drawing ${Math.round(l.width)}×${Math.round(l.height)} px`,
    );
    assert.equal(assertNoOverlap(g), 2505);
    assert.ok(html.includes('● selected'));
    assert.equal(l.boxes.length, 7);
  });
});
