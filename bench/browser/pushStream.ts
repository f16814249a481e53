// Bundled into a bench page's init script after bridgeInit.ts: reads the core's pushes from the bench server and hands
// them to the bridge's listeners, as the preload does with Electron's. Without it the page gets no pushes (the table
// and picker rows run that way).
import { EVENTS_PATH } from './invokePath';

interface PushWindow {
  __closeoutPush(event: string, payload: unknown): void;
}

const pushWindow = window as unknown as PushWindow;

async function readPushes(): Promise<void> {
  const response = await fetch(EVENTS_PATH, { method: 'POST' });
  if (!response.body) throw new Error('the bench server sent no events stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const { event, payload } = JSON.parse(buffered.slice(0, newline)) as { event: string; payload: unknown };
      buffered = buffered.slice(newline + 1);
      pushWindow.__closeoutPush(event, payload);
      newline = buffered.indexOf('\n');
    }
  }
}

void readPushes();
