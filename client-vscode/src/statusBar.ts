/** The status bar item: the profile boto3 would use and its credential method. */
import * as vscode from 'vscode';
import { ServerManager, LANGUAGES } from './client';
import { EXPLAIN_REQUEST, ExplainParams, statusFromExplain } from './core/explain';
import { onDidChangeSimulation, SECTION, simulatedProfile } from './settings';

export const STATUS_ITEM_ID = 'awsConfig.profile';
export const SELECT_PROFILE_COMMAND = 'awsConfig.selectProfile';
const EDIT_DEBOUNCE_MS = 1000;

const isOurs = (d: vscode.TextDocument) => (LANGUAGES as readonly string[]).includes(d.languageId);
/** The server sees unsaved buffers: while an AWS file has unsaved changes (a line half typed), keep what the saved files gave. */
const unsavedAwsFile = () => vscode.workspace.textDocuments.some((d) => isOurs(d) && d.isDirty);

export class ProfileStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private shown = false;
  private forced = false;

  constructor(private readonly manager: ServerManager) {
    this.item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'AWS Profile';
    this.item.command = SELECT_PROFILE_COMMAND;
    this.item.text = 'AWS: …';
    this.subs.push(
      manager.onDidChangeRunning((running) => (running ? this.refresh() : this.hide())),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument(() => this.refresh()),
      // Let the client send didChangeConfiguration first (same connection, so it is ordered).
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && this.refresh(100, true)),
      onDidChangeSimulation(() => this.refresh(300, true)),
      // An edit that makes the files clean again (undo to the saved text, a revert).
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isOurs(e.document) && e.contentChanges.length > 0 && !e.document.isDirty) this.refresh(EDIT_DEBOUNCE_MS);
      }),
    );
  }

  /**
   * Asks the server again, after `delayMs` (debounced: a newer call replaces an older one).
   * Unless `force`d (the user changed the simulation or settings), nothing changes while an
   * AWS file has unsaved changes.
   */
  refresh(delayMs = 0, force = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.forced ||= force;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const f = this.forced;
      this.forced = false;
      void this.update(f);
    }, delayMs);
  }

  private hide(): void {
    this.seq++;
    this.shown = false;
    this.item.hide();
  }

  private async update(force: boolean): Promise<void> {
    if (!this.manager.running) {
      this.hide();
      return;
    }
    // Shown once already: keep it until the files are saved (no flicker while typing).
    if (this.shown && !force && unsavedAwsFile()) return;
    const mine = ++this.seq;
    try {
      const params: ExplainParams = { profile: null };
      const result = await this.manager.request<unknown>(EXPLAIN_REQUEST, params);
      if (mine !== this.seq) return;
      const view = statusFromExplain(result, { simulated: simulatedProfile() });
      this.item.text = view.text;
      const tip = new vscode.MarkdownString(view.tooltip);
      tip.supportThemeIcons = true;
      this.item.tooltip = tip;
      this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.accessibilityInformation = { label: view.text };
    } catch (e) {
      if (mine !== this.seq || !this.manager.running) return;
      this.item.text = 'AWS: ?';
      this.item.tooltip = `The language server could not explain the profile: ${e instanceof Error ? e.message : String(e)}`;
      this.item.backgroundColor = undefined;
    }
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}
