/**
 * The server's `awsConfig/explain` and `awsConfig/profiles` results, and what the
 * client makes of them: the status bar text and the markdown report.
 *
 * Pure logic, no `vscode` import. Every field is read defensively: a server that
 * omits or adds fields must never break the status bar.
 */

export const EXPLAIN_REQUEST = 'awsConfig/explain';
export const PROFILES_REQUEST = 'awsConfig/profiles';

export interface ExplainParams {
  /** null → the profile boto3 would select. */
  profile: string | null;
}

export interface Location {
  path: string;
  line: number;
}

export type ChainStatus = 'used' | 'skipped' | 'not-applicable' | 'error';

export interface ChainEntry {
  tier: number;
  method: string;
  status: ChainStatus | string;
  reason: string;
}

export interface SettingExplanation {
  value: string | null;
  source: string;
  location: Location | null;
  shadowed: unknown[];
}

export interface ExplainResult {
  profile: { name: string; selected_by: string };
  files: Record<string, unknown>;
  credentials: {
    method: string | null;
    error: null | { type: string; message: string };
    chain: ChainEntry[];
  };
  settings: Record<string, SettingExplanation>;
}

export interface ProfilesResult {
  profiles: { name: string; files: string[] }[];
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export interface StatusView {
  text: string;
  /** Markdown tooltip. */
  tooltip: string;
  /** Use the warning background (credentials.error is set). */
  warning: boolean;
}

export function statusFromExplain(result: unknown): StatusView {
  const r = obj(result);
  const profile = obj(r.profile);
  const creds = obj(r.credentials);
  const name = str(profile.name) ?? '?';
  const method = str(creds.method);
  const err = creds.error ? obj(creds.error) : null;
  const label = method ?? (err ? 'error' : 'none');
  const lines: string[] = [];
  lines.push(`**AWS profile:** \`${name}\`` + (str(profile.selected_by) ? ` (selected by ${str(profile.selected_by)})` : ''));
  if (method) lines.push(`**Credentials:** ${method}`);
  else if (!err) lines.push('**Credentials:** none found');
  if (err) {
    lines.push(`**Credential error:** ${str(err.type) ?? 'Error'}: ${str(err.message) ?? ''}`.trimEnd());
  }
  const region = obj(obj(r.settings).region);
  if ('value' in region) {
    lines.push(`**Region:** ${str(region.value) ?? '(not set)'}` + (str(region.source) ? ` (${str(region.source)})` : ''));
  }
  lines.push('', 'Click to choose the profile to simulate.');
  return { text: `AWS: ${name} (${label})`, tooltip: lines.join('  \n'), warning: err !== null };
}

/** Profiles for the quick pick, in the server's order, deduplicated. */
export function profileNames(result: unknown): { name: string; files: string[] }[] {
  const seen = new Set<string>();
  const out: { name: string; files: string[] }[] = [];
  const list = obj(result).profiles;
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    const o = obj(p);
    const name = str(o.name);
    if (name === null || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, files: Array.isArray(o.files) ? o.files.filter((f): f is string => typeof f === 'string') : [] });
  }
  return out;
}

// ---------------------------------------------------------------- markdown

/** Escapes text for a markdown table cell / inline context. */
export function mdEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([`*_{}[\]<>#|!~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the value. */
export function mdCode(text: string): string {
  const t = text.replace(/\r?\n/g, '⏎');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((s) => s.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.length === 0 ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** mdEscape already escapes `|`, which is all a GFM table cell needs. */
function cell(text: string): string {
  return mdEscape(text);
}

function codeCell(text: string): string {
  // Pipes must be escaped even inside code spans in GFM tables.
  return mdCode(text).replace(/\|/g, '\\|');
}

export function formatLocation(loc: unknown): string {
  const l = obj(loc);
  const path = str(l.path);
  if (!path) return '';
  return typeof l.line === 'number' ? `${path}:${l.line}` : path;
}

/** Plain words (no emoji: they depend on the fonts), the one that decided in bold. */
const STATUS_TEXT: Record<string, string> = {
  used: '**used**',
  skipped: 'skipped',
  'not-applicable': 'not applicable',
  error: '**error**',
};

function describeShadowed(s: unknown): string {
  if (typeof s === 'string') return s;
  const o = obj(s);
  const parts: string[] = [];
  const source = str(o.source);
  if (source) parts.push(source);
  if ('value' in o) parts.push(o.value === null ? '(unset)' : `= ${String(o.value)}`);
  const loc = formatLocation(o.location);
  if (loc) parts.push(`(${loc})`);
  return parts.length > 0 ? parts.join(' ') : JSON.stringify(s);
}

function describeFile(v: unknown): string {
  if (typeof v === 'string') return mdCode(v);
  const o = obj(v);
  const path = str(o.path);
  if (path) {
    const extra: string[] = [];
    if (typeof o.exists === 'boolean') extra.push(o.exists ? 'exists' : 'missing');
    const sel = str(o.source) ?? str(o.selected_by) ?? str(o.from);
    if (sel) extra.push(`from ${sel}`);
    if (typeof o.error === 'string') extra.push(`error: ${o.error}`);
    else if (o.error) extra.push(`error: ${JSON.stringify(o.error)}`);
    return mdCode(path) + (extra.length ? ` — ${mdEscape(extra.join(', '))}` : '');
  }
  if (v === null || v === undefined) return '_(none)_';
  return mdCode(JSON.stringify(v));
}

/** A readable markdown report of an `awsConfig/explain` result. */
export function explainToMarkdown(result: unknown): string {
  const r = obj(result);
  const profile = obj(r.profile);
  const creds = obj(r.credentials);
  const name = str(profile.name) ?? '?';
  const out: string[] = [];
  out.push(`# AWS profile \`${name.replace(/`/g, "'")}\``, '');
  const selectedBy = str(profile.selected_by);
  out.push(`**Selected by:** ${selectedBy ? mdEscape(selectedBy) : '_unknown_'}`, '');

  const files = obj(r.files);
  if (Object.keys(files).length > 0) {
    out.push('## Files', '');
    for (const [k, v] of Object.entries(files)) out.push(`- **${mdEscape(k)}:** ${describeFile(v)}`);
    out.push('');
  }

  out.push('## Credentials', '');
  const method = str(creds.method);
  out.push(`**Method:** ${method ? mdCode(method) : '_none_'}`, '');
  if (creds.error) {
    const e = obj(creds.error);
    out.push(`> **Error: ${mdEscape(str(e.type) ?? 'Error')}** — ${mdEscape(str(e.message) ?? '')}`, '');
  }
  const chain = Array.isArray(creds.chain) ? creds.chain : [];
  if (chain.length > 0) {
    out.push('### Credential chain', '', '| Tier | Method | Status | Reason |', '|---:|---|---|---|');
    for (const c of chain) {
      const o = obj(c);
      const tier = typeof o.tier === 'number' ? String(o.tier) : '';
      const status = str(o.status) ?? '';
      out.push(
        `| ${tier} | ${codeCell(str(o.method) ?? '?')} | ${STATUS_TEXT[status] ?? cell(status)} | ${cell(str(o.reason) ?? '')} |`,
      );
    }
    out.push('');
  }

  const settings = obj(r.settings);
  const keys = Object.keys(settings);
  if (keys.length > 0) {
    out.push('## Settings', '', '| Setting | Value | Source | Location | Shadowed |', '|---|---|---|---|---|');
    for (const k of keys) {
      const s = obj(settings[k]);
      const value = s.value === null || s.value === undefined ? '_(unset)_' : codeCell(String(s.value));
      const shadowed = Array.isArray(s.shadowed) ? s.shadowed.map((x) => cell(describeShadowed(x))).join('<br>') : '';
      out.push(
        `| ${codeCell(k)} | ${value} | ${cell(str(s.source) ?? '')} | ${cell(formatLocation(s.location))} | ${shadowed} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
