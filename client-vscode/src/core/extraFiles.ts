/**
 * `awsConfig.extraFiles`: globs of AWS files outside the places boto3 reads (a dotfiles
 * repo's `aws/config`). The server analyses a document that matches one, whatever its
 * language; VS Code only sends it documents of the extension's languages, so the extension
 * gives a matching file the language of the kind its name suggests. Both sides read the
 * globs and the names the same way: these mirror the server's ini/locations.py
 * (`glob_regex`, `kind_from_name`).
 *
 * Pure logic, no `vscode` import.
 */

export type ExtraLanguage = 'aws-config' | 'aws-credentials' | 'aws-boto';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * A path glob as editors write them, over a whole absolute path (forward slashes): `**∕` any
 * folders, `*` and `?` within a name, `{a,b}` either; `~` is the home folder, and a glob that
 * starts with neither `/` nor `~` matches at any depth (`aws/config` is `**∕aws/config`).
 */
export function globRegex(glob: string, homedir: string): RegExp {
  let g = glob;
  if (g === '~' || g.startsWith('~/') || g.startsWith('~\\')) g = homedir + g.slice(1);
  g = g.replace(/\\/g, '/');
  if (!g.startsWith('/') && !g.startsWith('**') && !/^[A-Za-z]:\//.test(g)) g = `**/${g}`;
  let out = '';
  let i = 0;
  while (i < g.length) {
    if (g.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 3;
    } else if (g.startsWith('**', i)) {
      out += '.*';
      i += 2;
    } else if (g[i] === '*') {
      out += '[^/]*';
      i += 1;
    } else if (g[i] === '?') {
      out += '[^/]';
      i += 1;
    } else if (g[i] === '{' && g.indexOf('}', i) > 0) {
      const end = g.indexOf('}', i);
      out += `(?:${g.slice(i + 1, end).split(',').map(escapeRegex).join('|')})`;
      i = end + 1;
    } else {
      out += escapeRegex(g[i]);
      i += 1;
    }
  }
  return new RegExp(`^${out}$`, 's');
}

/** The language a file name suggests: credentials when the name says so, boto for boto names, else config. */
export function languageFromName(file: string): ExtraLanguage {
  const name = (file.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (name.includes('credentials')) return 'aws-credentials';
  if (name === '.boto' || name === 'boto.cfg' || name === 'boto' || name.endsWith('.boto')) return 'aws-boto';
  return 'aws-config';
}

/** The language for `file` (an absolute path) when one of `globs` matches it, else undefined. */
export function extraFileLanguage(file: string, globs: readonly string[], homedir: string): ExtraLanguage | undefined {
  const p = file.replace(/\\/g, '/');
  return globs.some((g) => globRegex(g, homedir).test(p)) ? languageFromName(file) : undefined;
}
