/**
 * The profiles graph (the server's `awsConfig/graph`) laid out and drawn as SVG, for a webview
 * that loads nothing: no network, no library, one inline script and style under a strict CSP.
 *
 * Layout: columns by chain depth. Where the credentials come from (the "source" nodes) is the
 * rightmost column; a profile sits one column left of the deepest node it points to, so each
 * `source_profile` chain reads left to right. Within a column, nodes follow the rows of what
 * they point to (one barycentre sweep), profiles of one sso-session together, boxed; then,
 * placed left to right, a node moves down level with what points to it. Linear in the nodes
 * and edges (plus a sort per column): thousands of profiles lay out at once.
 *
 * Pure logic, no `vscode` import.
 */

export const GRAPH_REQUEST = 'awsConfig/graph';

export interface GraphNode {
  id: string;
  label: string;
  kind: 'profile' | 'source';
  selected: boolean;
  error: { type: string; message: string } | null;
  /** The profile's header: the file and its 0-based line; null for sources and missing profiles. */
  location: { uri: string; line: number } | null;
}

export interface GraphEdge {
  source: string;
  target: string;
  label: string;
}

export interface Graph {
  selected: string | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups: { name: string; members: string[] }[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The server's answer, read defensively: what is malformed is left out, never thrown. */
export function parseGraph(raw: unknown): Graph {
  const r = obj(raw) ?? {};
  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  for (const n of arr(r.nodes).map(obj)) {
    const id = str(n?.id);
    if (!n || id === null || ids.has(id)) continue;
    ids.add(id);
    const e = obj(n.error);
    const l = obj(n.location);
    nodes.push({
      id,
      label: str(n.label) ?? id,
      kind: n.kind === 'source' ? 'source' : 'profile',
      selected: n.selected === true,
      error: e ? { type: str(e.type) ?? 'Error', message: str(e.message) ?? '' } : null,
      location: l && str(l.uri) !== null && typeof l.line === 'number' ? { uri: l.uri as string, line: l.line } : null,
    });
  }
  const edges: GraphEdge[] = [];
  for (const e of arr(r.edges).map(obj)) {
    const source = str(e?.source);
    const target = str(e?.target);
    if (source !== null && target !== null && ids.has(source) && ids.has(target)) {
      edges.push({ source, target, label: str(e?.label) ?? '' });
    }
  }
  const groups = arr(r.groups)
    .map(obj)
    .filter((g): g is Record<string, unknown> => g !== null && str(g.name) !== null)
    .map((g) => ({ name: g.name as string, members: arr(g.members).filter((m): m is string => typeof m === 'string' && ids.has(m)) }));
  return { selected: str(r.selected), nodes, edges, groups };
}

// Sizes in px. Labels are drawn in the editor's monospace font at 12px (about 7.2px a char).
export const SIZE = {
  char: 7.2,
  maxChars: 40,
  padX: 10,
  line: 16,
  padY: 6,
  minWidth: 80,
  gapX: 70,
  gapY: 10,
  groupHead: 18,
  groupPad: 6,
  margin: 16,
};

export interface Placed {
  node: GraphNode;
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The lines drawn in the box: the label (shortened), then "selected", then the error. */
  lines: string[];
}

export interface Box {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  placed: Map<string, Placed>;
  /** Node ids per column, top to bottom: the order of the nodes in the drawing and for Tab. */
  columns: string[][];
  boxes: Box[];
  width: number;
  height: number;
}

export function shorten(text: string, max = SIZE.maxChars): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function linesOf(n: GraphNode): string[] {
  const lines = [shorten(n.label)];
  if (n.selected) lines.push('● selected');
  if (n.error) lines.push(shorten(`✗ ${n.error.type}`));
  return lines;
}

/**
 * Each node's depth: sources 0, a profile 1 + the deepest node it points to (1 when it points
 * nowhere). An edge back into the chain being followed (a source_profile loop, which botocore
 * refuses) is not followed, so every node gets a depth. Iterative: a chain thousands of
 * profiles long does not exhaust the stack.
 */
export function depths(graph: Graph): Map<string, number> {
  const out = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) out.get(e.source)?.push(e.target);
  const kind = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const depth = new Map<string, number>();
  const open = new Set<string>();
  for (const start of graph.nodes) {
    if (depth.has(start.id)) continue;
    const stack: [string, number][] = [[start.id, 0]];
    open.add(start.id);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [id, i] = top;
      const targets = out.get(id) ?? [];
      if (i < targets.length) {
        top[1]++;
        const t = targets[i];
        if (!depth.has(t) && !open.has(t)) {
          open.add(t);
          stack.push([t, 0]);
        }
        continue;
      }
      stack.pop();
      open.delete(id);
      let d = kind.get(id) === 'source' ? 0 : 1;
      for (const t of targets) {
        const td = depth.get(t);
        if (td !== undefined) d = Math.max(d, td + 1);
      }
      depth.set(id, d);
    }
  }
  return depth;
}

export function layout(graph: Graph): Layout {
  const depth = depths(graph);
  const maxDepth = Math.max(0, ...depth.values());
  const columnCount = maxDepth + 1;
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const groupOf = new Map<string, number>();
  graph.groups.forEach((g, i) => g.members.forEach((m) => groupOf.has(m) || groupOf.set(m, i)));
  const targets = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) targets.get(e.source)?.push(e.target);

  const columns: string[][] = Array.from({ length: columnCount }, () => []);
  for (const n of graph.nodes) columns[maxDepth - (depth.get(n.id) ?? 0)].push(n.id);

  // Right to left: a node's row is the mean row of the nodes it points to (already placed,
  // they are to its right); a group's nodes stay together, at their mean.
  const row = new Map<string, number>();
  for (let c = columnCount - 1; c >= 0; c--) {
    const bary = new Map<string, number>();
    for (const id of columns[c]) {
      const rows = (targets.get(id) ?? []).map((t) => row.get(t)).filter((r): r is number => r !== undefined);
      bary.set(id, rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.MAX_SAFE_INTEGER);
    }
    const groupSum = new Map<number, [number, number]>();
    for (const id of columns[c]) {
      const g = groupOf.get(id);
      if (g === undefined) continue;
      const s = groupSum.get(g) ?? [0, 0];
      groupSum.set(g, [s[0] + Math.min(bary.get(id)!, 1e12), s[1] + 1]);
    }
    const key = (id: string): number => {
      const g = groupOf.get(id);
      if (g === undefined) return bary.get(id)!;
      const [sum, count] = groupSum.get(g)!;
      return sum / count;
    };
    columns[c].sort(
      (a, b) =>
        key(a) - key(b) ||
        (groupOf.get(a) ?? -1) - (groupOf.get(b) ?? -1) ||
        bary.get(a)! - bary.get(b)! ||
        order.get(a)! - order.get(b)!,
    );
    columns[c].forEach((id, i) => row.set(id, i));
  }

  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) sources.get(e.target)?.push(e.source);
  const placed = new Map<string, Placed>();
  const boxes: Box[] = [];
  let x = SIZE.margin;
  let height = 0;
  for (let c = 0; c < columnCount; c++) {
    const items = columns[c].map((id) => {
      const node = byId.get(id)!;
      const lines = linesOf(node);
      const w = Math.max(SIZE.minWidth, Math.ceil(Math.max(...lines.map((l) => [...l].length)) * SIZE.char) + 2 * SIZE.padX);
      return { node, lines, w, h: lines.length * SIZE.line + 2 * SIZE.padY };
    });
    const colWidth = Math.max(SIZE.minWidth, ...items.map((i) => i.w)) + (items.some((i) => groupOf.has(i.node.id)) ? 2 * SIZE.groupPad : 0);
    let y = SIZE.margin;
    let box: Box | null = null;
    let boxGroup: number | undefined;
    const close = () => {
      if (box) {
        box.h = y - SIZE.gapY + SIZE.groupPad - box.y;
        boxes.push(box);
        y += 2 * SIZE.groupPad;
        box = null;
      }
    };
    for (const item of items) {
      const g = groupOf.get(item.node.id);
      if (g !== boxGroup || g === undefined) {
        close();
        boxGroup = g;
        if (g !== undefined) {
          box = { name: graph.groups[g].name, x: x, y, w: colWidth, h: 0 };
          y += SIZE.groupHead + SIZE.groupPad;
        }
      }
      if (g === undefined) {
        // level with what points to it (columns to the left are placed), never above the
        // node before it: a chain reads as a line, a credential source sits amid its profiles
        const from = sources.get(item.node.id)!.map((s) => placed.get(s)).filter((p): p is Placed => p !== undefined);
        if (from.length) y = Math.max(y, from.reduce((a, p) => a + p.y + p.h / 2, 0) / from.length - item.h / 2);
      }
      const nx = g !== undefined ? x + SIZE.groupPad : x;
      placed.set(item.node.id, { node: item.node, column: c, x: nx, y, w: item.w, h: item.h, lines: item.lines });
      y += item.h + SIZE.gapY;
    }
    close();
    height = Math.max(height, y);
    x += colWidth + SIZE.gapX;
  }
  return { placed, columns, boxes, width: x - SIZE.gapX + SIZE.margin, height: height + SIZE.margin };
}

/** The nodes keyboard arrows move to: up/down in the column, right along an edge, left back. */
export function neighbours(graph: Graph, l: Layout): Map<string, { up?: string; down?: string; left?: string; right?: string }> {
  const nav = new Map<string, { up?: string; down?: string; left?: string; right?: string }>();
  for (const col of l.columns) {
    col.forEach((id, i) => nav.set(id, { up: col[i - 1], down: col[i + 1] }));
  }
  for (const e of graph.edges) {
    const from = nav.get(e.source);
    const to = nav.get(e.target);
    if (from && from.right === undefined) from.right = e.target;
    if (to && to.left === undefined) to.left = e.source;
  }
  return nav;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What a screen reader says for a node (and its tooltip). */
export function describe(n: GraphNode): string {
  const parts = [`${n.kind === 'source' ? 'credentials from' : 'profile'} ${n.label}`];
  if (n.selected) parts.push('selected');
  if (n.error) parts.push(`fails: ${n.error.type}${n.error.message ? `: ${n.error.message}` : ''}`);
  if (n.kind === 'profile') parts.push(n.location ? 'Enter opens its header' : 'not defined in any file');
  return parts.join(', ');
}

const f = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The edges the selected profile's credentials follow: its chain, drawn highlighted. */
export function selectedChain(graph: Graph): Set<GraphEdge> {
  const out = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const chain = new Set<GraphEdge>();
  const seen = new Set<string>();
  const todo = graph.nodes.filter((n) => n.selected).map((n) => n.id);
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of out.get(id) ?? []) {
      chain.add(e);
      todo.push(e.target);
    }
  }
  return chain;
}

/** Edge kinds are dashed too (not told by colour alone) up to this many edges: beyond, a
 * browser spends minutes drawing thousands of long dashed curves. */
export const DASHED_UP_TO = 300;

export function renderSvg(graph: Graph, l: Layout): string {
  const nav = neighbours(graph, l);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="graph"${graph.edges.length <= DASHED_UP_TO ? ' class="few"' : ''} width="${f(l.width)}" height="${f(l.height)}" viewBox="0 0 ${f(l.width)} ${f(l.height)}" role="group" aria-label="AWS profiles: ${graph.nodes.filter((n) => n.kind === 'profile').length} profiles">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L10,5L0,10z" class="arrowhead"/></marker></defs>',
  );
  for (const b of l.boxes) {
    out.push(
      `<g class="group"><rect x="${f(b.x)}" y="${f(b.y)}" width="${f(b.w)}" height="${f(b.h)}" rx="6"/><text x="${f(b.x + SIZE.groupPad)}" y="${f(b.y + SIZE.groupHead - 4)}">sso-session ${escapeXml(shorten(b.name))}</text></g>`,
    );
  }
  const chain = selectedChain(graph);
  out.push('<g class="edges">');
  for (const e of graph.edges) {
    const a = l.placed.get(e.source);
    const b = l.placed.get(e.target);
    if (!a || !b) continue;
    const x1 = a.x + a.w;
    const y1 = a.y + a.h / 2;
    let x2 = b.x;
    const y2 = b.y + b.h / 2;
    let dx = Math.max(30, Math.abs(x2 - x1) / 2);
    if (x2 <= x1) {
      // back into the chain (a loop): into the target's right side, curving out and back
      x2 = b.x + b.w;
      dx = Math.max(40, Math.abs(y2 - y1) / 4);
    }
    const c2 = x2 <= x1 ? x2 + dx : x2 - dx;
    const cls = `edge ${e.label.replace(/[^\w-]/g, '')}${chain.has(e) ? ' chosen' : ''}`;
    out.push(
      `<path class="${cls}" d="M${f(x1)},${f(y1)} C${f(x1 + dx)},${f(y1)} ${f(c2)},${f(y2)} ${f(x2)},${f(y2)}" marker-end="url(#arrow)"><title>${escapeXml(`${a.node.label} → ${e.label} → ${b.node.label}`)}</title></path>`,
    );
  }
  out.push('</g><g class="nodes">');
  for (const col of l.columns) {
    for (const id of col) {
      const p = l.placed.get(id)!;
      const n = p.node;
      const cls = ['node', n.kind, n.selected ? 'selected' : '', n.error ? 'error' : '', n.location ? 'linked' : ''].filter(Boolean).join(' ');
      const moves = nav.get(id) ?? {};
      const data = (['up', 'down', 'left', 'right'] as const)
        .filter((k) => moves[k] !== undefined)
        .map((k) => ` data-${k}="${escapeXml(moves[k]!)}"`)
        .join('');
      const text = p.lines
        .map((line, i) => `<text x="${SIZE.padX}" y="${f(SIZE.padY + (i + 1) * SIZE.line - 4)}" class="${i === 0 ? 'name' : line.startsWith('✗') ? 'why' : 'mark'}">${escapeXml(line)}</text>`)
        .join('');
      const said = escapeXml(describe(n));
      out.push(
        `<g class="${cls}" id="n-${escapeXml(id)}" data-id="${escapeXml(id)}"${data} transform="translate(${f(p.x)},${f(p.y)})" tabindex="0" role="${n.kind === 'profile' && n.location ? 'button' : 'img'}" aria-label="${said}"><title>${said}</title><rect width="${f(p.w)}" height="${f(p.h)}" rx="${n.kind === 'source' ? f(p.h / 2) : 4}"/>${text}</g>`,
      );
    }
  }
  out.push('</g></svg>');
  return out.join('');
}

const STYLE = `
body { margin: 0; padding: 0; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
header { position: sticky; top: 0; left: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 6px 12px; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border, transparent); }
header .summary { color: var(--vscode-descriptionForeground); }
header .failing { color: var(--vscode-errorForeground); }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.legend { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.empty { padding: 12px; }
svg { display: block; font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
.node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, var(--vscode-foreground))); stroke-width: 1; }
.node text { fill: var(--vscode-editor-foreground, var(--vscode-foreground)); }
.node.source rect { fill: var(--vscode-badge-background); stroke: var(--vscode-badge-background); }
.node.source text { fill: var(--vscode-badge-foreground); }
.node.linked { cursor: pointer; }
.node.linked:hover rect { fill: var(--vscode-list-hoverBackground, var(--vscode-editorWidget-background)); }
.node.selected rect { stroke: var(--vscode-charts-blue, var(--vscode-focusBorder)); stroke-width: 3; }
.node.selected text.mark { fill: var(--vscode-charts-blue, var(--vscode-focusBorder)); }
.node.error rect { stroke: var(--vscode-errorForeground); stroke-dasharray: 4 2; }
.node.selected.error rect { stroke-dasharray: none; }
.node text.why { fill: var(--vscode-errorForeground); }
.node:focus { outline: none; }
.node:focus rect, .node:focus-visible rect { stroke: var(--vscode-focusBorder); stroke-width: 3; }
.edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground, var(--vscode-foreground)); stroke-width: 1.2; }
.edge.credential_source { stroke: var(--vscode-charts-orange, var(--vscode-editorLineNumber-foreground)); }
.edge.credentials { stroke-opacity: 0.6; }
.few .edge.credential_source, .legend .edge.credential_source { stroke-dasharray: 5 3; }
.few .edge.credentials, .legend .edge.credentials { stroke-dasharray: 1 3; }
.edge.chosen { stroke: var(--vscode-charts-blue, var(--vscode-focusBorder)); stroke-width: 2; }
.arrowhead { fill: var(--vscode-editorLineNumber-foreground, var(--vscode-foreground)); }
.legend svg { display: inline; vertical-align: middle; margin: 0 4px 0 10px; }
.group rect { fill: var(--vscode-editor-inactiveSelectionBackground, transparent); fill-opacity: 0.4; stroke: var(--vscode-panel-border, var(--vscode-contrastBorder, var(--vscode-foreground))); stroke-dasharray: 3 3; }
.group text { fill: var(--vscode-descriptionForeground); }
`;

// Click or Enter/Space: open the profile's header; E: explain it; arrows: move along the graph;
// Home: back to the selected profile. The focused node is scrolled into view. At first the
// selected profile has the focus; after a refresh, the node that had it.
const SCRIPT = `
const vscode = acquireVsCodeApi();
const nodes = document.querySelectorAll('.node');
const go = (el) => { if (el) { el.focus({ preventScroll: true }); el.scrollIntoView({ block: 'nearest', inline: 'nearest' }); } };
// (a refresh draws the page anew: the focused node and the scroll position are kept)
const keep = () => vscode.setState({ focus: document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.id : undefined, x: scrollX, y: scrollY });
const byId = (id) => id && document.getElementById('n-' + id);
const send = (type, el) => el && el.classList.contains('profile') && vscode.postMessage({ type, id: el.dataset.id });
const keys = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
for (const el of nodes) {
  el.addEventListener('focus', keep);
  el.addEventListener('click', () => { go(el); send('open', el); });
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); send('open', el); }
    else if (e.key === 'e' || e.key === 'E') { e.preventDefault(); send('explain', el); }
    else if (e.key === 'Home') { e.preventDefault(); go(document.querySelector('.node.selected')); }
    else if (keys[e.key]) { e.preventDefault(); go(byId(el.dataset[keys[e.key]])); }
  });
}
const refresh = document.getElementById('refresh');
if (refresh) refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
addEventListener('scroll', keep, { passive: true });
const state = vscode.getState();
const kept = state && byId(state.focus);
if (kept) { kept.focus({ preventScroll: true }); scrollTo(state.x, state.y); }
else {
  const start = document.querySelector('.node.selected') || nodes[0];
  if (start) { start.focus({ preventScroll: true }); start.scrollIntoView({ block: 'center', inline: 'center' }); }
}
`;

// What each line style means (edges are not labelled: thousands of labels are noise).
const LEGEND = (['source_profile', 'credential_source', 'credentials'] as const)
  .map((k) => `<svg width="28" height="8" aria-hidden="true"><path class="edge ${k}" d="M0,4H28"/></svg>${k}`)
  .join('');

export interface Page {
  /** A fresh random string per page: the only inline script and style allowed. */
  nonce: string;
}

/** The webview's whole document: nothing loads from anywhere (default-src 'none'). */
export function graphHtml(graph: Graph, page: Page): string {
  const profiles = graph.nodes.filter((n) => n.kind === 'profile');
  const failing = profiles.filter((n) => n.error).length;
  const csp = `default-src 'none'; style-src 'nonce-${page.nonce}'; script-src 'nonce-${page.nonce}';`;
  const summary = graph.selected
    ? `boto3 selects <strong>${escapeXml(graph.selected)}</strong>`
    : 'the selected profile is not among them';
  const body = profiles.length
    ? renderSvg(graph, layout(graph))
    : '<p class="empty">No profiles in the config and credentials files boto3 reads.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>AWS Profiles Graph</title>
<style nonce="${page.nonce}">${STYLE}</style>
</head><body>
<header><span class="summary">${profiles.length} profile${profiles.length === 1 ? '' : 's'} · ${summary}${failing ? ` · <span class="failing">${failing} failing</span>` : ''}</span>
<button id="refresh" type="button">Refresh</button>
<span class="legend">${LEGEND}</span>
<span class="legend">Click or Enter: open the header · E: explain · arrows: follow the chain · Home: the selected profile</span></header>
<main>${body}</main>
<script nonce="${page.nonce}">${SCRIPT}</script>
</body></html>`;
}
