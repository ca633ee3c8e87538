/**
 * Document-level wiring that needs no server: extra file patterns and `awsConfig.extraFiles`
 * → language, and folding by section (core/folding).
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGES } from './client';
import { expandUser, expandVars, simulatedEnvironment } from './core/awsFiles';
import { extraFileLanguage } from './core/extraFiles';
import { foldingRanges } from './core/folding';
import { clientOptions, resolveFile, SECTION, serverOptions } from './settings';

type Lang = (typeof LANGUAGES)[number];

function isOurs(doc: vscode.TextDocument): boolean {
  return (LANGUAGES as readonly string[]).includes(doc.languageId);
}

/** Sets the document's language to `lang` unless it already is one of ours. */
export async function ensureLanguage(doc: vscode.TextDocument, lang: Lang): Promise<vscode.TextDocument> {
  if (isOurs(doc)) return doc;
  return vscode.languages.setTextDocumentLanguage(doc, lang);
}

function samePath(a: string, b: string): boolean {
  const na = path.resolve(a);
  const nb = path.resolve(b);
  return process.platform === 'win32' || process.platform === 'darwin' ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}

/** Which of our languages a document should have, by the settings; undefined if none. */
function wantedLanguage(doc: vscode.TextDocument): Lang | undefined {
  if (doc.uri.scheme !== 'file') return undefined;
  const file = doc.uri.fsPath;
  // Files the simulated environment names (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, BOTO_CONFIG).
  try {
    if (samePath(file, resolveFile('config').path)) return 'aws-config';
    if (samePath(file, resolveFile('credentials').path)) return 'aws-credentials';
    const opts = serverOptions();
    const env = simulatedEnvironment({ overrides: opts.environment, inherit: opts.inheritEnvironment, processEnv: process.env });
    if (env.BOTO_CONFIG && samePath(file, expandUser(expandVars(env.BOTO_CONFIG, env), env, os.homedir()))) return 'aws-boto';
  } catch {
    // a bad path in the settings must not break opening documents
  }
  const c = clientOptions();
  const table: [Lang, string[]][] = [
    ['aws-config', c.configPatterns],
    ['aws-credentials', c.credentialsPatterns],
    ['aws-boto', c.botoPatterns],
  ];
  for (const [lang, patterns] of table) {
    for (const pattern of patterns) {
      if (vscode.languages.match({ pattern }, doc) > 0) return lang;
    }
  }
  // awsConfig.extraFiles: the server analyses these; it is sent only documents of our languages
  return extraFileLanguage(file, serverOptions().extraFiles, os.homedir());
}

export class FileAssociations implements vscode.Disposable {
  /** Documents we have set once: if the user changes the language afterwards, we leave it. */
  private readonly applied = new Set<string>();
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.apply(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // setTextDocumentLanguage closes and reopens the document: forget only real closes.
        setTimeout(() => {
          if (!vscode.workspace.textDocuments.some((o) => o.uri.toString() === d.uri.toString())) this.applied.delete(d.uri.toString());
        }, 1000);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.files`) || e.affectsConfiguration(`${SECTION}.extraFiles`) || e.affectsConfiguration(`${SECTION}.environment`) || e.affectsConfiguration(`${SECTION}.inheritEnvironment`)) {
          this.applyAll();
        }
      }),
    );
    this.applyAll();
  }

  applyAll(): void {
    for (const d of vscode.workspace.textDocuments) void this.apply(d);
  }

  private async apply(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    if (isOurs(doc) || this.applied.has(key)) return;
    const lang = wantedLanguage(doc);
    if (!lang) return;
    this.applied.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, lang);
    } catch {
      // the document may have been closed meanwhile
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

export function registerFolding(): vscode.Disposable {
  const provider: vscode.FoldingRangeProvider = {
    provideFoldingRanges(doc) {
      const lines: string[] = [];
      for (let i = 0; i < doc.lineCount; i++) lines.push(doc.lineAt(i).text);
      return foldingRanges(lines).map(
        (r) => new vscode.FoldingRange(r.start, r.end, r.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined),
      );
    },
  };
  return vscode.languages.registerFoldingRangeProvider(
    LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    provider,
  );
}
