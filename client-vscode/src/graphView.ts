/**
 * "AWS Config: Show Profiles Graph": the server's `awsConfig/graph` drawn in a webview
 * (core/graph: layout, SVG, the page). One panel, brought back and refreshed by the command,
 * refreshed when an AWS file is saved or the simulated profile changes.
 *
 * A click (or Enter) on a profile opens its header beside the graph: the picture is a map of
 * the files, and the header is where a user acts on what they see (the profile's lens there
 * explains it in one more click); E explains it at once.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { LANGUAGES, ServerManager } from './client';
import { escapeXml, Graph, GRAPH_REQUEST, graphHtml, parseGraph } from './core/graph';
import { onDidChangeSimulation, SECTION } from './settings';

const VIEW_TYPE = 'awsConfig.profilesGraph';
const REFRESH_DELAY_MS = 300;

export class ProfilesGraph implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: Graph | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly manager: ServerManager,
    private readonly explain: (profile: string) => Thenable<unknown>,
  ) {
    const isOurs = (d: vscode.TextDocument) => (LANGUAGES as readonly string[]).includes(d.languageId);
    this.subs.push(
      vscode.workspace.onDidSaveTextDocument((d) => isOurs(d) && this.later()),
      // (after the client has sent the server its new options: same connection, in order)
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && this.later()),
      onDidChangeSimulation(() => this.later()),
    );
  }

  /** Shows the panel (made once), with the graph as the server sees it now. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'AWS Profiles Graph', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [],
      });
      this.panel = panel;
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
      });
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
      panel.webview.html = page('<p>Asking the language server for the profiles…</p>');
    }
    await this.refresh();
  }

  private later(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const seq = ++this.seq;
    let graph: Graph;
    try {
      graph = parseGraph(await this.manager.request<unknown>(GRAPH_REQUEST, { profile: null }));
    } catch (e) {
      if (seq !== this.seq || this.panel !== panel) return;
      panel.webview.html = page(`<p>Could not get the profiles from the language server: ${escapeXml(e instanceof Error ? e.message : String(e))}</p>`);
      return;
    }
    if (seq !== this.seq || this.panel !== panel) return; // a newer refresh, or closed
    this.graph = graph;
    panel.webview.html = graphHtml(graph, { nonce: randomBytes(16).toString('hex') });
  }

  private async onMessage(message: unknown): Promise<void> {
    const m = (typeof message === 'object' && message !== null ? message : {}) as { type?: unknown; id?: unknown };
    if (m.type === 'refresh') return this.refresh();
    const node = this.graph?.nodes.find((n) => n.id === m.id);
    if (!node || node.kind !== 'profile') return;
    if (m.type === 'explain') {
      await this.explain(node.label);
      return;
    }
    if (m.type !== 'open') return;
    if (!node.location) {
      void vscode.window.showInformationMessage(`AWS Config: the profile ${node.label} is not defined in the files boto3 reads.`);
      return;
    }
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.location.uri));
      const line = Math.min(node.location.line, doc.lineCount - 1);
      const text = doc.lineAt(line).text;
      // the name between the brackets, in the editor's own columns
      const open = text.indexOf('[');
      const close = text.lastIndexOf(']');
      const selection =
        open >= 0 && close > open ? new vscode.Range(line, open + 1, line, close) : new vscode.Range(line, 0, line, 0);
      await vscode.window.showTextDocument(doc, { selection, viewColumn: vscode.ViewColumn.Beside, preview: false });
    } catch (e) {
      void vscode.window.showErrorMessage(`AWS Config: could not open the profile ${node.label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subs) s.dispose();
  }
}

/** A page with a message only (before the first answer, or when there is none). */
function page(body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body>${body}</body></html>`;
}
