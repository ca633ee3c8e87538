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
  /** An open copy outside the files boto3 reads: resolve as it and its pair would. */
  uri?: string;
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

/** What the client knows beyond the server's answer. */
export interface StatusContext {
  /** The profile simulated in this workspace (not in any file), if any. */
  simulated?: string | null;
}

export function statusFromExplain(result: unknown, ctx: StatusContext = {}): StatusView {
  const r = obj(result);
  const profile = obj(r.profile);
  const creds = obj(r.credentials);
  const name = str(profile.name) ?? '?';
  const method = str(creds.method);
  const err = creds.error ? obj(creds.error) : null;
  const label = method ?? (err ? 'error' : 'none');
  const simulated = ctx.simulated ?? null;
  const lines: string[] = [];
  const selectedBy = str(profile.selected_by);
  lines.push(`**AWS profile:** \`${name}\`` + (selectedBy ? ` (selected by ${selectedBy})` : ''));
  if (simulated) {
    lines.push(`**Simulated:** \`AWS_PROFILE=${simulated}\` in this workspace only (no file is changed)`);
  }
  if (method) lines.push(`**Credentials:** ${method}`);
  else if (!err) lines.push('**Credentials:** none found');
  if (err) {
    lines.push(`**Credential error:** ${str(err.type) ?? 'Error'}: ${str(err.message) ?? ''}`.trimEnd());
  }
  const region = obj(obj(r.settings).region);
  if ('value' in region) {
    const value = region.value === null || region.value === undefined ? null : formatValue(region.value);
    const source = str(region.source);
    lines.push(`**Region:** ${value ?? 'not set'}` + (value !== null && source ? ` (${source})` : ''));
  }
  lines.push('', 'As saved on disk. Click to choose the profile to simulate.');
  const text = `AWS: ${name} (${label}${simulated ? ', simulated' : ''})`;
  return { text, tooltip: lines.join('  \n'), warning: err !== null };
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

/** The file's name only: the quick pick has no room for absolute paths. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts.length > 0 ? parts[parts.length - 1] : p;
}

/** A profile's quick pick description: where it is defined, and what marks it. */
export function profileDescription(
  name: string,
  files: string[],
  marks: { real?: string | null; simulated?: string | null },
): string {
  const parts = [[...new Set(files.map(baseName))].join(', ')];
  if (name === marks.real) parts.push('selected by your environment');
  if (name === marks.simulated) parts.push('simulated now');
  return parts.filter(Boolean).join(' · ');
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

/** A setting's value as text: objects (api_versions, s3) as `key = value` pairs. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '(unset)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length === 0 ? '(empty)' : entries.map(([k, x]) => `${k} = ${formatValue(x)}`).join('; ');
  }
  return String(v);
}

function describeShadowed(s: unknown): string {
  if (typeof s === 'string') return s;
  const o = obj(s);
  const parts: string[] = [];
  const source = str(o.source);
  if (source) parts.push(source);
  if ('value' in o) parts.push(o.value === null ? '(unset)' : `= ${formatValue(o.value)}`);
  const loc = formatLocation(o.location);
  if (loc) parts.push(`(${loc})`);
  return parts.length > 0 ? parts.join(' ') : formatValue(s);
}

function describeFile(v: unknown): string {
  if (typeof v === 'string') return mdCode(v);
  if (Array.isArray(v)) return v.length === 0 ? '_(none)_' : v.map(describeFile).join('; ');
  const o = obj(v);
  const path = str(o.path);
  if (path) {
    const extra: string[] = [];
    if (typeof o.exists === 'boolean') extra.push(o.exists ? 'exists' : 'missing');
    const sel = str(o.chosen_by) ?? str(o.source) ?? str(o.selected_by) ?? str(o.from);
    if (sel) extra.push(sel === 'default' ? 'the default location' : `from ${sel}`);
    const err = o.error ? obj(o.error) : null;
    if (typeof o.error === 'string') extra.push(`error: ${o.error}`);
    else if (err) {
      const line = typeof err.line === 'number' ? ` (line ${err.line})` : '';
      extra.push(`error: ${str(err.type) ?? 'Error'}: ${str(err.message) ?? ''}${line}`);
    }
    return mdCode(path) + (extra.length ? ` — ${mdEscape(extra.join(', '))}` : '');
  }
  if (v === null || v === undefined) return '_(none)_';
  return mdEscape(formatValue(v));
}

const FILE_LABELS: Record<string, string> = {
  config: 'Config file',
  credentials: 'Credentials file',
  boto: 'Boto files',
  ec2_credentials: 'EC2 credentials file',
};

/** `prod-admin → dev (sso)`: the profiles a role's credentials come from, hop by hop. */
export function sourceChainText(chain: unknown): string | null {
  if (!Array.isArray(chain) || chain.length === 0) return null;
  const hops = chain.map(obj);
  const first = str(hops[0].profile);
  if (!first) return null;
  const parts = [first];
  for (const h of hops) {
    const via = str(h.via);
    const method = str(h.method);
    parts.push(`${str(h.source) ?? '?'}${via && via !== 'source_profile' ? ` [${via}]` : ''}${method ? ` (${method})` : ''}`);
  }
  return parts.join(' → ');
}

/** Words for how the profile was chosen; a profile picked in the list is explained as if selected. */
function selectedByText(selectedBy: string | null, name: string, asIfSelected: boolean): string {
  if (asIfSelected) return `_as if this profile were selected_, i.e. \`boto3.Session(profile_name="${name.replace(/[`"]/g, '')}")\``;
  if (!selectedBy) return '_unknown_';
  if (selectedBy === 'default') return 'nothing else selects a profile, so `default`';
  if (selectedBy === 'explicit') return 'the awsConfig.explicitProfile setting (`Session(profile_name=…)`)';
  return mdEscape(selectedBy);
}

/** A chain step's reason as shown; the environment tier of an explicitly named profile is explained. */
function chainReason(o: Record<string, unknown>, asIfSelected: boolean): { status: string; reason: string } {
  const status = str(o.status) ?? '';
  const reason = str(o.reason) ?? '';
  if (asIfSelected && str(o.method) === 'env' && /^removed\b/.test(reason)) {
    return { status: 'not-applicable', reason: 'a profile passed to Session(profile_name=…) does not read the AWS_ACCESS_KEY_ID variables' };
  }
  return { status, reason };
}

export interface ReportOptions {
  /** The user picked this profile in the list: the server explained Session(profile_name=…). */
  asIfSelected?: boolean;
}

/** A readable markdown report of an `awsConfig/explain` result. */
export function explainToMarkdown(result: unknown, options: ReportOptions = {}): string {
  const asIf = options.asIfSelected === true;
  const r = obj(result);
  const profile = obj(r.profile);
  const creds = obj(r.credentials);
  const name = str(profile.name) ?? '?';
  const out: string[] = [];
  out.push(`# AWS profile \`${name.replace(/`/g, "'")}\``, '');
  out.push(`**Selected by:** ${selectedByText(str(profile.selected_by), name, asIf)}`, '');

  const files = obj(r.files);
  if (Object.keys(files).length > 0) {
    out.push('## Files', '');
    for (const [k, v] of Object.entries(files)) out.push(`- **${mdEscape(FILE_LABELS[k] ?? k)}:** ${describeFile(v)}`);
    out.push('');
  }

  out.push('## Credentials', '');
  const method = str(creds.method);
  out.push(`**Method:** ${method ? mdCode(method) : '_none_'}` + (str(creds.tier) ? ` (${mdEscape(str(creds.tier) ?? '')})` : ''), '');
  const from = formatLocation(creds.location);
  if (from) out.push(`**Configured at:** ${mdCode(from)}`, '');
  const via = sourceChainText(creds.source_chain);
  if (via) out.push(`**Source profiles:** ${mdEscape(via)}`, '');
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
      const { status, reason } = chainReason(o, asIf);
      out.push(`| ${tier} | ${codeCell(str(o.method) ?? '?')} | ${STATUS_TEXT[status] ?? cell(status)} | ${cell(reason)} |`);
    }
    out.push('');
  }

  const settings = obj(r.settings);
  const keys = Object.keys(settings);
  if (keys.length > 0) {
    out.push('## Settings', '', '| Setting | Value | Source | Location | Shadowed |', '|---|---|---|---|---|');
    for (const k of keys) {
      const s = obj(settings[k]);
      const value = s.value === null || s.value === undefined ? '_(unset)_' : codeCell(formatValue(s.value));
      const shadowed = Array.isArray(s.shadowed) ? s.shadowed.map((x) => cell(describeShadowed(x))).join('<br>') : '';
      out.push(
        `| ${codeCell(k)} | ${value} | ${cell(str(s.source) ?? '')} | ${cell(formatLocation(s.location))} | ${shadowed} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
