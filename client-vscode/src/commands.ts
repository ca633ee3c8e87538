/** The extension's commands. */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ServerManager } from './client';
import { AwsFileKind } from './core/awsFiles';
import {
  EXPLAIN_REQUEST,
  explainToMarkdown,
  ExplainParams,
  PROFILES_REQUEST,
  profileDescription,
  profileNames,
} from './core/explain';
import { ensureLanguage } from './documents';
import { ProfilesGraph } from './graphView';
import { realProfile, resolveFile, savedProfile, saveProfileToSettings, setSimulation, simulatedProfile } from './settings';
import { ProfileStatusBar, SELECT_PROFILE_COMMAND } from './statusBar';

export const COMMANDS = {
  restart: 'awsConfig.restartServer',
  explain: 'awsConfig.explainProfile',
  openConfig: 'awsConfig.openConfigFile',
  openCredentials: 'awsConfig.openCredentialsFile',
  selectProfile: SELECT_PROFILE_COMMAND,
  showLog: 'awsConfig.showServerLog',
  graph: 'awsConfig.showProfilesGraph',
} as const;

export const EXPLAIN_SCHEME = 'aws-config-explain';

/** Read-only virtual documents holding explain reports. */
class ReportProvider implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private n = 0;

  add(title: string, markdown: string): vscode.Uri {
    const safe = title.replace(/[^\w.@-]+/g, '_').slice(0, 80) || 'profile';
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/AWS profile ${safe}.md`, query: String(++this.n) });
    this.reports.set(uri.toString(), markdown);
    if (this.reports.size > 20) this.reports.delete(this.reports.keys().next().value as string);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '_This report is no longer available: run "AWS Config: Explain Profile…" again._';
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function pickProfile(
  manager: ServerManager,
  title: string,
  extra: (vscode.QuickPickItem & { profile: string | null; action?: string })[],
): Promise<(vscode.QuickPickItem & { profile: string | null; action?: string }) | undefined> {
  let profiles: { name: string; files: string[] }[] = [];
  try {
    profiles = profileNames(await manager.request<unknown>(PROFILES_REQUEST, {}));
  } catch (e) {
    void vscode.window.showErrorMessage(`AWS Config: could not list the profiles: ${errorText(e)}`);
    return undefined;
  }
  const marks = { real: realProfile(), simulated: simulatedProfile() ?? null };
  const items: (vscode.QuickPickItem & { profile: string | null; action?: string })[] = [
    ...extra.filter((x) => x.action === 'first'),
    ...profiles.map((p) => ({
      label: p.name,
      description: profileDescription(p.name, p.files, marks),
      profile: p.name,
    })),
    ...extra.filter((x) => x.action !== 'first'),
  ];
  if (profiles.length === 0) {
    items.unshift({ label: 'No profiles found', description: 'in the config and credentials files boto3 would read', profile: null, action: 'none' });
  }
  return vscode.window.showQuickPick(items, { title, matchOnDescription: true, placeHolder: 'Profile' });
}

async function openAwsFile(kind: AwsFileKind): Promise<void> {
  const resolved = resolveFile(kind);
  const file = resolved.path;
  if (!fs.existsSync(file)) {
    const create = 'Create File';
    const choice = await vscode.window.showInformationMessage(
      `The ${kind} file ${file} (from ${resolved.from}) does not exist. Create it?`,
      create,
    );
    if (choice !== create) return;
    try {
      const dir = path.dirname(file);
      if (!fs.existsSync(dir)) {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fs.chmodSync(dir, 0o700);
      }
      fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
      fs.chmodSync(file, 0o600);
    } catch (e) {
      void vscode.window.showErrorMessage(`AWS Config: could not create ${file}: ${errorText(e)}`);
      return;
    }
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const shown = await ensureLanguage(doc, kind === 'config' ? 'aws-config' : 'aws-credentials');
  await vscode.window.showTextDocument(shown);
}

export function registerCommands(
  context: vscode.ExtensionContext,
  manager: ServerManager,
  statusBar: ProfileStatusBar,
): void {
  const reports = new ReportProvider();
  const graph = new ProfilesGraph(manager, (profile) => vscode.commands.executeCommand(COMMANDS.explain, profile));
  context.subscriptions.push(
    reports,
    graph,
    vscode.commands.registerCommand(COMMANDS.graph, () => graph.show()),
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, reports),

    vscode.commands.registerCommand(COMMANDS.restart, async () => {
      if (await manager.restart()) statusBar.refresh(0, true);
    }),

    vscode.commands.registerCommand(COMMANDS.showLog, () => manager.output.show()),

    vscode.commands.registerCommand(COMMANDS.openConfig, () => openAwsFile('config')),
    vscode.commands.registerCommand(COMMANDS.openCredentials, () => openAwsFile('credentials')),

    // A profile lens passes its document too: a copy outside the files boto3 reads (dotfiles)
    // is then explained as that copy and its pair resolve.
    vscode.commands.registerCommand(COMMANDS.explain, async (profileArg?: unknown, uriArg?: unknown) => {
      let profile: string | null;
      if (typeof profileArg === 'string') {
        profile = profileArg;
      } else {
        const choice = await pickProfile(manager, 'AWS Config: explain which profile?', [
          { label: '$(target) The profile boto3 selects now', description: 'AWS_PROFILE, else default', profile: null, action: 'first' },
        ]);
        if (!choice || choice.action === 'none') return;
        profile = choice.profile;
      }
      // The profile selected now is explained as boto3 selects it (with the environment's
      // credentials); any other as Session(profile_name=…), "as if this profile were selected".
      if (profile !== null && profile === (simulatedProfile() ?? realProfile())) profile = null;
      let result: unknown;
      try {
        const params: ExplainParams = typeof uriArg === 'string' ? { profile, uri: uriArg } : { profile };
        result = await manager.request<unknown>(EXPLAIN_REQUEST, params);
      } catch (e) {
        void vscode.window.showErrorMessage(`AWS Config: could not explain the profile: ${errorText(e)}`);
        return;
      }
      const markdown = explainToMarkdown(result, { asIfSelected: profile !== null });
      const name = (result as { profile?: { name?: unknown } } | null)?.profile?.name;
      const uri = reports.add(typeof name === 'string' ? name : profile ?? 'selected', markdown);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc, { preview: true });
      }
    }),

    vscode.commands.registerCommand(COMMANDS.selectProfile, async () => {
      const current = simulatedProfile();
      const saved = savedProfile();
      const extra: (vscode.QuickPickItem & { profile: string | null; action?: string })[] = [];
      if (current || saved) {
        extra.push({
          label: '$(close) Clear the simulated profile',
          description: current ? `back to what your environment selects (${realProfile()})` : `remove AWS_PROFILE=${saved} from the workspace settings`,
          profile: null,
          action: 'clear',
        });
      }
      if (current) {
        extra.push({
          label: '$(save) Save the simulated profile to the workspace settings',
          description: `AWS_PROFILE=${current} in awsConfig.environment (.vscode/settings.json)`,
          profile: current,
          action: 'save',
        });
      }
      extra.push({ label: '$(info) Explain a profile…', profile: null, action: 'explain' });
      const choice = await pickProfile(manager, 'AWS Config: simulate which profile? (AWS_PROFILE, in this workspace only)', extra);
      if (!choice || choice.action === 'none') return;
      if (choice.action === 'explain') {
        await vscode.commands.executeCommand(COMMANDS.explain);
        return;
      }
      try {
        if (choice.action === 'save' || (choice.action === 'clear' && saved)) {
          const where = await saveProfileToSettings(choice.action === 'save' ? choice.profile : null);
          if (where === 'user') {
            void vscode.window.showInformationMessage('AWS Config: no workspace is open, so your user settings were changed.');
          }
        }
        // A saved profile is in the settings now: the simulation would only repeat it.
        await setSimulation(choice.action === 'clear' || choice.action === 'save' ? null : choice.profile);
        await manager.sendSettings();
      } catch (e) {
        void vscode.window.showErrorMessage(`AWS Config: could not change the simulated profile: ${errorText(e)}`);
      }
      statusBar.refresh(300, true);
    }),
  );
}
