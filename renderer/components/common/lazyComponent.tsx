import { lazy, type ComponentType } from 'react';

export interface LazyComponent<P> {
  /** Starts fetching the chunk, once; resolves when it is ready to render. */
  preload(): Promise<void>;
  /** Renders at once when the chunk is loaded; otherwise suspends, so a Suspense boundary shows its fallback. */
  Component: ComponentType<P>;
}

/**
 * A component whose code is a chunk of its own, fetched on first use or earlier by preload(). React.lazy alone
 * suspends for a frame even when the chunk is already there; this renders a loaded chunk directly. The wrapper never
 * commits (it only suspends), and once the chunk is loaded every render takes the loaded component, so nothing
 * remounts when the chunk arrives. A chunk that fails stays failed, as the browser keeps a failed module: the error
 * reaches the nearest error boundary.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => (loading ??= load().then((component) => (loaded = component)));
  const Lazy = lazy(async () => ({ default: await start() }));

  function Component(props: P) {
    const Chosen = loaded ?? Lazy;
    return <Chosen {...props} />;
  }

  return { preload: () => start().then(() => undefined), Component };
}
