/**
 * Folding by section (and by multi-line value / nested block, and comment block),
 * with the same line rules as Python's configparser as botocore configures it
 * (botocore-semantics §1.2–1.3): full-line `#`/`;` comments anywhere, a line indented
 * deeper than the previous key line continues its value, a header is `[…]`.
 * Pure logic, no `vscode` import.
 */

export type LineKind = 'blank' | 'comment' | 'header' | 'key' | 'continuation' | 'other';

export interface FoldRange {
  start: number;
  end: number;
  kind?: 'comment';
}

const HEADER = /^\[(.+)\]/;
const KEY = /^[^=:]+[=:]/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

export function classifyLines(lines: readonly string[]): LineKind[] {
  // Mirrors RawConfigParser._read: a line continues the value of the last key when a key
  // is open and it is indented deeper than the last non-continuation line. A header
  // closes the key; a line that fails to parse does not, but it does set the indent.
  const kinds: LineKind[] = [];
  let keyOpen = false;
  let indentLevel = 0;
  for (const line of lines) {
    const s = line.trim();
    if (s === '') {
      kinds.push('blank');
      continue;
    }
    if (s.startsWith('#') || s.startsWith(';')) {
      kinds.push('comment');
      continue;
    }
    const indent = indentOf(line);
    if (keyOpen && indent > indentLevel) {
      kinds.push('continuation');
      continue;
    }
    indentLevel = indent;
    if (HEADER.test(s)) {
      kinds.push('header');
      keyOpen = false;
    } else if (KEY.test(s)) {
      kinds.push('key');
      keyOpen = true;
    } else {
      kinds.push('other');
      if (/^[=:]/.test(s)) keyOpen = false; // "= x": an empty key name, no key to continue
    }
  }
  return kinds;
}

export function foldingRanges(lines: readonly string[]): FoldRange[] {
  const kinds = classifyLines(lines);
  const out: FoldRange[] = [];
  const n = kinds.length;
  // Sections: header .. last key/continuation/other line before the next header.
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'header') continue;
    let end = i;
    for (let j = i + 1; j < n && kinds[j] !== 'header'; j++) {
      if (kinds[j] !== 'blank' && kinds[j] !== 'comment') end = j;
    }
    if (end > i) out.push({ start: i, end });
  }
  // Multi-line values and nested blocks: key .. last continuation line.
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'key') continue;
    let end = i;
    for (let j = i + 1; j < n; j++) {
      if (kinds[j] === 'continuation') end = j;
      else if (kinds[j] !== 'blank' && kinds[j] !== 'comment') break;
    }
    if (end > i) out.push({ start: i, end });
  }
  // Runs of two or more comment lines.
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'comment') continue;
    let j = i;
    while (j + 1 < n && kinds[j + 1] === 'comment') j++;
    if (j > i) out.push({ start: i, end: j, kind: 'comment' });
    i = j;
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
