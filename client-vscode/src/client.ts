/** Starting, stopping and restarting the language client and its server process. */
import { ChildProcess, spawn } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { Candidate, noPythonMessage } from './core/interpreter';
import { LogLevel, serverLogLevel } from './core/serverLog';
import { Launch, serverLaunch } from './core/serverSettings';
import { findPython } from './python';
import { clientOptions, configurationItem, expandPathSetting, SECTION, serverOptions } from './settings';

export const CLIENT_ID = 'awsConfig';
export const CLIENT_NAME = 'AWS Config Language Server';
export const LANGUAGES = ['aws-config', 'aws-credentials', 'aws-boto'] as const;

/** Forwards everything to the real output channel. */
class ChannelProxy implements vscode.LogOutputChannel {
  protected readonly emitter = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.emitter.event;

  constructor(protected readonly out: vscode.LogOutputChannel) {}

  get logLevel(): vscode.LogLevel {
    return this.out.logLevel;
  }
  get name(): string {
    return this.out.name;
  }
  trace(message: string, ...args: unknown[]): void {
    this.out.trace(message, ...args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.out.debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.out.info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.out.warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.out.error(error, ...args);
  }
  append(value: string): void {
    this.out.append(value);
  }
  appendLine(value: string): void {
    this.out.appendLine(value);
  }
  replace(value: string): void {
    this.out.replace(value);
  }
  clear(): void {
    this.out.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.out.show(columnOrPreserveFocus);
    else this.out.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.out.hide();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

/**
 * The trace channel: shows the protocol trace at the default (info) level, and reports
 * its log level from `awsConfig.trace.server`. vscode-languageclient 11 only traces when
 * the trace channel's level is Trace, whatever the setting says.
 */
class TraceChannel extends ChannelProxy {
  private level: vscode.LogLevel;
  private readonly sub: vscode.Disposable;

  constructor(out: vscode.LogOutputChannel) {
    super(out);
    this.level = TraceChannel.levelFromSetting();
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.trace.server`)) return;
      const l = TraceChannel.levelFromSetting();
      if (l !== this.level) {
        this.level = l;
        this.emitter.fire(l);
      }
    });
  }
  private static levelFromSetting(): vscode.LogLevel {
    return clientOptions().trace === 'off' ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
  }
  override get logLevel(): vscode.LogLevel {
    return this.level;
  }
  override trace(message: string, ...args: unknown[]): void {
    if (this.level === vscode.LogLevel.Trace) this.out.info(message, ...args);
  }
  override dispose(): void {
    this.sub.dispose();
    super.dispose();
  }
}

export class ServerManager implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  /** The server process's last stderr lines, to say why a start failed. */
  private stderrTail: string[] = [];
  private child: ChildProcess | undefined;
  /** Lines a process wrote on stderr before the client took it (see `handOver`). */
  private readonly unread = new WeakMap<ChildProcess, string[]>();
  private readonly traceChannel: TraceChannel;
  private client: LanguageClient | undefined;
  private pending: Promise<boolean> | undefined;
  private readonly changed = new vscode.EventEmitter<boolean>();
  /** Fires with `running` whenever the server starts or stops. */
  readonly onDidChangeRunning = this.changed.event;
  private disposed = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    this.traceChannel = new TraceChannel(this.output);
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  log(message: string): void {
    this.output.info(message);
  }

  /** True once a start was asked for (even if it failed): settings changes then restart it. */
  get wanted(): boolean {
    return this.startRequested;
  }
  private startRequested = false;

  /** Starts the server unless it runs or is starting. Resolves to whether it runs. */
  start(): Promise<boolean> {
    this.startRequested = true;
    if (this.running) return Promise.resolve(true);
    if (!this.pending) {
      this.pending = this.doStart().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  async stop(): Promise<void> {
    if (this.pending) await this.pending.catch(() => false);
    const c = this.client;
    this.client = undefined;
    if (c) {
      try {
        if (c.state !== State.Stopped) await c.stop(5000);
      } catch (e) {
        this.log(`Stopping the server: ${e instanceof Error ? e.message : String(e)}`);
      }
      await c.dispose(5000).catch(() => undefined);
      this.killChild();
      this.changed.fire(false);
    }
  }

  async restart(): Promise<boolean> {
    this.log('Restarting the server');
    await this.stop();
    return this.start();
  }

  /** Sends a custom request, starting the server if needed. */
  async request<R>(method: string, params: unknown): Promise<R> {
    if (!(await this.start()) || !this.client) throw new Error('the AWS Config language server is not running');
    return this.client.sendRequest<R>(method, params);
  }

  /** Sends the server its options again (the simulated profile changed). */
  async sendSettings(): Promise<void> {
    const c = this.client;
    if (!c || !this.running) return;
    await c.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: serverOptions() } });
  }

  /** The last stderr line of the server that looks like an error, else its last line. */
  private lastServerError(): string | undefined {
    const t = this.stderrTail;
    for (let i = t.length - 1; i >= 0; i--) {
      if (/error|exception|no module|not found|invalid|denied|unrecognized|usage:/i.test(t[i])) return t[i];
    }
    return t[t.length - 1];
  }

  /**
   * The client asks the server to exit; make sure a process that does not goes too:
   * SIGTERM after `graceMs`, SIGKILL 2 s later.
   */
  private killChild(graceMs = 2000): void {
    const p = this.child;
    this.child = undefined;
    const alive = () => p !== undefined && p.exitCode === null && p.signalCode === null;
    if (!p || !alive()) return;
    const term = setTimeout(() => {
      if (alive()) p.kill();
    }, graceMs);
    const kill = setTimeout(() => {
      if (alive()) p.kill('SIGKILL');
    }, graceMs + 2000);
    p.once('exit', () => {
      clearTimeout(term);
      clearTimeout(kill);
    });
  }

  private async showError(message: string): Promise<void> {
    const openSettings = 'Open Settings';
    const showLog = 'Show Log';
    const choice = await vscode.window.showErrorMessage(message, openSettings, showLog);
    if (choice === openSettings) {
      // awsConfig.server.* are machine-overridable: in a remote window (SSH, WSL, containers,
      // code-server) the User tab does not list them, the remote machine's tab does.
      const query = `${SECTION}.server`;
      if (vscode.env.remoteName) await vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query });
      else await vscode.commands.executeCommand('workbench.action.openSettings', query);
    } else if (choice === showLog) {
      this.output.show();
    }
  }

  /**
   * Spawns the server; resolves once the process runs, keeping its stderr tail (for error
   * messages) and what it writes before the client reads its stderr (see `handOver`).
   */
  private spawnServer(launch: Launch, cwd: string): Promise<ChildProcess> {
    return new Promise<ChildProcess>((resolve, reject) => {
      const p = spawn(launch.command, launch.args, { env: launch.env, cwd, stdio: 'pipe', windowsHide: true });
      p.once('error', (e) => reject(new Error(`cannot run ${launch.command}: ${e.message}`)));
      p.once('spawn', () => {
        const unread: string[] = [];
        this.unread.set(p, unread);
        readline.createInterface({ input: p.stderr, crlfDelay: Infinity }).on('line', (line) => {
          if (this.unread.get(p) === unread) unread.push(line);
          if (!line.trim()) return;
          this.stderrTail.push(line.trim());
          if (this.stderrTail.length > 30) this.stderrTail.shift();
        });
        resolve(p);
      });
    });
  }

  /**
   * The process goes to the client, which reads its stderr from now on: what it wrote while
   * it started alongside the Python search (an import error, say) goes to the output channel
   * first, at each line's level, as the client would have put it.
   */
  private handOver(p: ChildProcess): ChildProcess {
    let level: LogLevel = 'error';
    for (const line of this.unread.get(p) ?? []) {
      level = serverLogLevel(line, level);
      if (line.trim()) this.output[level](line);
    }
    this.unread.delete(p);
    this.child = p;
    return p;
  }

  private async doStart(): Promise<boolean> {
    if (this.disposed) return false;
    const began = Date.now();
    const opts = clientOptions();
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file' ? vscode.workspace.workspaceFolders[0].uri.fsPath : os.homedir();
    this.stderrTail = [];
    let launch: Launch;
    // The process started alongside the search for Python, handed to the client's first start.
    let early: Promise<ChildProcess> | undefined;
    let spawned = began;
    let found = '';
    if (opts.serverPath) {
      launch = serverLaunch({ serverPath: expandPathSetting(opts.serverPath), bundledLibs: '', baseEnv: process.env });
    } else {
      const bundledLibs = path.join(this.context.extensionPath, 'bundled', 'libs');
      const launchWith = (python: Candidate) => serverLaunch({ serverPath: null, python, bundledLibs, baseEnv: process.env });
      const discard = (p: Promise<ChildProcess>) => void p.then((child) => child.kill(), () => undefined);
      const { search, started } = await findPython(
        (m) => this.log(m),
        (candidate) => {
          spawned = Date.now();
          const p = this.spawnServer(launchWith(candidate), cwd);
          p.catch(() => undefined); // a candidate that cannot run: the probe says why
          return p;
        },
        discard,
      );
      if (this.disposed) {
        if (started) discard(started);
        return false;
      }
      if (!search.found) {
        const message = noPythonMessage(search);
        this.output.error(message);
        void this.showError(message);
        return false;
      }
      found = `Python found in ${Date.now() - began} ms${started ? ', alongside the start' : ''}; `;
      launch = launchWith(search.found.candidate);
      early = started;
    }
    this.log(`Starting: ${launch.description}${vscode.env.remoteName ? ` in a remote window (${vscode.env.remoteName})` : ''}`);
    // We spawn the process ourselves (instead of an Executable) to keep its stderr tail
    // for error messages; the client pipes stderr into the output channel as usual.
    const serverProcess: ServerOptions = async () => {
      const started = early;
      early = undefined;
      if (!started) spawned = Date.now();
      return this.handOver(await (started ?? this.spawnServer(launch, cwd)));
    };
    const problems: string[] = [];
    let client: LanguageClient | undefined = undefined;
    let ran = false; // reached Running once: only then is a closed connection restarted
    const restarts: number[] = [];
    const clientOpts: LanguageClientOptions = {
      documentSelector: LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      synchronize: { configurationSection: SECTION },
      initializationOptions: () => serverOptions(problems),
      outputChannel: this.output,
      traceOutputChannel: this.traceChannel,
      // The server's stderr at the level of each logging record (the default is [error] for every line).
      stdioOptions: {
        stdout: (input, out) => readline.createInterface({ input, crlfDelay: Infinity }).on('line', (l) => out.info(l)),
        stderr: (input, out) => {
          let level: LogLevel = 'error';
          readline.createInterface({ input, crlfDelay: Infinity }).on('line', (l) => {
            level = serverLogLevel(l, level);
            out[level](l);
          });
        },
      },
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // A failed start is reported once, by us (with the server's own last error line).
      initializationFailedHandler: (error) => {
        this.output.error(`Initialization failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      },
      errorHandler: {
        error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        closed: () => {
          if (!ran) return { action: CloseAction.DoNotRestart, handled: true };
          const now = Date.now();
          restarts.push(now);
          while (restarts.length > 0 && now - restarts[0] > 3 * 60_000) restarts.shift();
          if (restarts.length <= 4) return { action: CloseAction.Restart, handled: true };
          return {
            action: CloseAction.DoNotRestart,
            message: 'AWS Config: the language server stopped 5 times in 3 minutes and is not restarted. See "AWS Config: Show Server Log", then "AWS Config: Restart Server".',
          };
        },
      },
      middleware: {
        workspace: {
          // workspace/configuration for "awsConfig": the same object as initializationOptions.
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return params.items.map((item, i) => {
              const mine = configurationItem(item.section, item.scopeUri);
              return mine === undefined ? result[i] : mine;
            });
          },
          // workspace/didChangeConfiguration: send the normalised options, not the raw section.
          didChangeConfiguration: async (_sections, _next) => {
            if (!client) return;
            await client.sendNotification(DidChangeConfigurationNotification.type, {
              settings: { [SECTION]: serverOptions() },
            });
          },
        },
      },
    };
    client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverProcess, clientOpts);
    this.client = client;
    const c = client;
    c.onDidChangeState((e) => {
      if (this.client !== c) return;
      if (e.newState === State.Running) ran = true;
      if (e.newState === State.Running || e.oldState === State.Running) this.changed.fire(e.newState === State.Running);
    });
    try {
      await c.start();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const why = this.lastServerError() ?? msg;
      this.output.error(`The server failed to start: ${why}`);
      if (this.client === c) this.client = undefined;
      await c.dispose(2000).catch(() => undefined);
      this.killChild(0);
      void this.showError(`AWS Config: the language server failed to start (${launch.description}): ${why}`);
      this.changed.fire(false);
      return false;
    }
    const now = Date.now();
    this.log(`Server ready ${now - began} ms after its start was asked (${found}process start to initialize answered: ${now - spawned} ms)`);
    for (const p of problems) this.log(`Setting ignored: ${p}`);
    return this.running;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
    this.changed.dispose();
    this.traceChannel.dispose();
    this.output.dispose();
  }
}
