import './global.css';
import './controls.css';
import { createQueryClient } from './api/queries';
import { prefetchFirstReads } from './api/prefetch';
import { connectWebBridge } from './api/webBridge';

// The first chunk holds only what asks the main process for the first screen's data; React and the app load as a
// second chunk meanwhile, so the answers and the code arrive together instead of one after the other.

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The Electron window has its bridge from the preload before this runs; the page `closeout ui` serves builds its own.
const bridgeReady: Promise<void> = window.closeout
  ? Promise.resolve()
  : connectWebBridge({ location: window.location, history: window.history, storage: window.sessionStorage, fetch: window.fetch.bind(window) }).then((bridge) => {
      window.closeout = bridge;
    });

const queryClient = createQueryClient();
const boot = import('./boot');

bridgeReady
  .then(
    async () => {
      prefetchFirstReads(queryClient);
      (await boot).renderApp(root, queryClient);
    },
    async (error: unknown) => (await boot).renderRefused(root, error instanceof Error ? error.message : String(error)),
  )
  .catch((error: unknown) => {
    // Without its second chunk there is no React to say so: plain text, rather than a blank window.
    root.textContent = `Closeout could not load its interface: ${error instanceof Error ? error.message : String(error)}. Reload the window (Ctrl+R).`;
  });
