import './zodConfig';
import './global.css';
import './controls.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/queries';
import { connectWebBridge } from './api/webBridge';
import { App } from './components/App';
import { BridgeRefused } from './components/BridgeRefused';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

function render(node: ReactNode): void {
  createRoot(root as HTMLElement).render(<StrictMode>{node}</StrictMode>);
}

// The Electron window has its bridge from the preload before this runs; the page `closeout ui` serves builds its own.
const bridgeReady: Promise<void> = window.closeout
  ? Promise.resolve()
  : connectWebBridge({ location: window.location, history: window.history, storage: window.sessionStorage, fetch: window.fetch.bind(window) }).then((bridge) => {
      window.closeout = bridge;
    });

bridgeReady.then(
  () =>
    render(
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>,
    ),
  (error: unknown) => render(<BridgeRefused message={error instanceof Error ? error.message : String(error)} />),
);
