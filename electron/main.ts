import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, session } from 'electron';
import { startAppCore, type AppCore } from './bootstrap';
import { push, registerIpc } from './ipc';
import { allowNavigation, allowPermission, CONTENT_SECURITY_POLICY, SECURE_WEB_PREFERENCES, windowOpenDecision } from './windowSecurity';

const demo = process.argv.includes('--demo') || process.env.CLOSEOUT_DEMO === '1';
const rendererIndexUrl = pathToFileURL(path.join(__dirname, '..', 'renderer', 'index.html')).toString();
let core: AppCore | undefined;
let mainWindow: BrowserWindow | undefined;

app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenDecision);
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
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
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: !app.isPackaged, preload: path.join(__dirname, 'preload.cjs') },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL(rendererIndexUrl);
});

app.on('window-all-closed', () => {
  void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
});
