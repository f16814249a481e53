import './BridgeRefused.css';

/** Shown instead of the app when the page `closeout ui` serves could not open a session: why, and what to do. */
export function BridgeRefused({ message }: { message: string }) {
  return (
    <main className="app bridge-refused">
      <h1>Closeout</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
