/** Wiring only: each part lives in its own module. */
import * as vscode from 'vscode';
import { LANGUAGES, ServerManager } from './client';
import { registerCommands } from './commands';
import { FileAssociations, registerFolding } from './documents';
import { onDidChangePythonInterpreter } from './python';
import { clientOptions, initSimulation, SECTION } from './settings';
import { ProfileStatusBar } from './statusBar';

let manager: ServerManager | undefined;

function isOurs(doc: vscode.TextDocument): boolean {
  return (LANGUAGES as readonly string[]).includes(doc.languageId);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(initSimulation(context.workspaceState));
  const m = new ServerManager(context);
  manager = m;
  const statusBar = new ProfileStatusBar(m);
  context.subscriptions.push(statusBar, new FileAssociations(), registerFolding());
  registerCommands(context, m, statusBar);

  // The server starts as the extension activates: an AWS document opened, the workspace
  // holds AWS files (package.json's workspaceContains), or one of our commands ran. Each
  // means the server is about to be needed, and its start (about a second: the Python
  // search, then the server's imports) is then under way before the user opens the file,
  // or alongside the opening when that is what activated us. After a stop, the next AWS
  // document (or a command that needs it) starts it again.
  const startIfNeeded = (doc: vscode.TextDocument) => {
    if (isOurs(doc)) void m.start();
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startIfNeeded));

  // New interpreter or server settings → new server process (also after a failed start:
  // the new settings may be the fix).
  const restartIfStarted = () => {
    if (m.wanted) void m.restart();
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.server`)) restartIfStarted();
    }),
  );
  // Follow the Python extension's interpreter once the server has started (the start asked
  // the Python extension for its interpreter, activating it if installed).
  let watchingPython = false;
  context.subscriptions.push(
    m.onDidChangeRunning((running) => {
      if (!running || watchingPython) return;
      watchingPython = true;
      void onDidChangePythonInterpreter(() => {
        const o = clientOptions();
        if (!o.serverPath && !o.serverPython) restartIfStarted();
      }).then((d) => context.subscriptions.push(d));
    }),
  );

  void m.start();
}

export async function deactivate(): Promise<void> {
  const m = manager;
  manager = undefined;
  await m?.dispose();
}
