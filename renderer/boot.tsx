import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { BridgeRefused } from './components/BridgeRefused';

// React and the app: a chunk main.tsx loads while the first bridge calls are already under way.

function render(root: HTMLElement, node: ReactNode): void {
  createRoot(root).render(<StrictMode>{node}</StrictMode>);
}

export function renderApp(root: HTMLElement, queryClient: QueryClient): void {
  render(
    root,
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>,
  );
}

export function renderRefused(root: HTMLElement, message: string): void {
  render(root, <BridgeRefused message={message} />);
}
