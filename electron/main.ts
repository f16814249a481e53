import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { startAppCore, type AppCore } from './bootstrap';
import { push, registerIpc } from './ipc';
import { reportStartupFailure } from './startupFailure';
import { hardenContents, hardenSession } from './windowSecurity';

const demo = process.argv.includes('--demo') || process.env.CLOSEOUT_DEMO === '1';
const rendererIndexUrl = pathToFileURL(path.join(__dirname, '..', 'renderer', 'index.html')).toString();
let core: AppCore | undefined;
let mainWindow: BrowserWindow | undefined;

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenContents(contents));

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  Menu.setApplicationMenu(null);

  core = await startAppCore({
    dataDir: process.env.CLOSEOUT_HOME ?? app.getPath('userData'),
    version: app.getVersion(),
    demo,
    emit: (event, payload) => push(mainWindow?.webContents, event, payload),
    onUnexpectedError: (error) => console.error('Unexpected error in the core:', error instanceof Error ? error.message : 'unknown'),
  });
  registerIpc(core.dispatch, rendererIndexUrl);

  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    title: demo ? 'Closeout (demo)' : 'Closeout',
    show: false,
    // Spelled out, not spread from SECURE_WEB_PREFERENCES, so electronegativity can read every value;
    // electronegativity.test.ts holds these literals equal to SECURE_WEB_PREFERENCES.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
      preload: path.join(__dirname, 'preload.cjs'), /* eng-disable PRELOAD_JS_CHECK */ // the preload exposes only createBridge's invoke and on, over one checked channel
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL(rendererIndexUrl);
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) =>
    reportStartupFailure(error, {
      log: (message) => console.error(message),
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      exit: (code) => app.exit(code),
    }),
  );

app.on('window-all-closed', () => {
  void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
});
