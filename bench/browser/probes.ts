// Bundled into the bench page's init script after e2e/bridgeInit.ts. It gives the bridge its transport (the answer
// crosses as JSON text and is parsed here, much as Electron's IPC deserialises it before invoke resolves) and the
// probes the bench reads: when each answer became a value in the page, when rows were painted, frame times, rows.

interface Answer {
  channel: string;
  at: number;
}

interface BenchWindow {
  __closeoutBenchInvoke(channel: string, request: unknown): Promise<string>;
  __closeoutInvoke(channel: string, request: unknown): Promise<unknown>;
  __closeoutBench: typeof probes;
}

const benchWindow = window as unknown as BenchWindow;
const answers: Answer[] = [];

benchWindow.__closeoutInvoke = async (channel, request) => {
  const envelope: unknown = JSON.parse(await benchWindow.__closeoutBenchInvoke(channel, request));
  answers.push({ channel, at: performance.now() });
  return envelope;
};

/** TanStack Query refetches every stale query it shows when the window becomes visible: the app's own refresh path. */
function refresh(): void {
  window.dispatchEvent(new Event('visibilitychange'));
}

/** Resolves just after the next frame is painted: a message posted from requestAnimationFrame runs after rendering. */
function nextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function lastAnswerAt(channel: string, from: number): number {
  const matching = answers.slice(from).filter((answer) => answer.channel === channel);
  const last = matching[matching.length - 1];
  if (!last) throw new Error(`no ${channel} answer arrived`);
  return last.at;
}

function whenPresent(selector: string, start: () => void): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    start();
  });
}

function tableOf(selector: string): HTMLElement {
  const table = document.querySelector<HTMLElement>(selector);
  if (!table) throw new Error(`nothing matches ${selector}`);
  return table;
}

const probes = {
  /** Refreshes and times from the positions answer becoming a value to the first paint with a row in the DOM. */
  async paintAfterRefresh(rowSelector: string): Promise<{ dataAt: number; paintedAt: number }> {
    const from = answers.length;
    await whenPresent(rowSelector, refresh);
    const paintedAt = await nextPaint();
    return { dataAt: lastAnswerAt('positions:list', from), paintedAt };
  },

  /** Refreshes and waits until every named channel has answered and two more frames have been painted. */
  async refreshAndSettle(channels: string[]): Promise<void> {
    const from = answers.length;
    refresh();
    while (!channels.every((channel) => answers.slice(from).some((answer) => answer.channel === channel))) await sleep(5);
    await nextPaint();
    await nextPaint();
  },

  sleep,

  /** One call over the bridge's transport and nothing else: what a refresh costs before the app sees the answer. */
  async invokeOnly(channel: string, request: unknown): Promise<void> {
    await benchWindow.__closeoutInvoke(channel, request);
  },

  /** Scrolls the table by `pxPerFrame` every animation frame for `ms`, from the top, wrapping at the bottom. */
  scroll(tableSelector: string, ms: number, pxPerFrame: number): Promise<{ frameMs: number[]; maxRows: number }> {
    const table = tableOf(tableSelector);
    table.scrollTop = 0;
    const frameMs: number[] = [];
    let maxRows = 0;
    return new Promise((resolve) => {
      let startedAt: number | undefined;
      let previous: number | undefined;
      const frame = (now: number) => {
        startedAt ??= now;
        if (previous !== undefined) frameMs.push(now - previous);
        previous = now;
        maxRows = Math.max(maxRows, table.querySelectorAll('[role="row"]').length);
        if (now - startedAt >= ms) {
          resolve({ frameMs, maxRows });
          return;
        }
        const bottom = table.scrollHeight - table.clientHeight;
        table.scrollTop = table.scrollTop + pxPerFrame > bottom ? 0 : table.scrollTop + pxPerFrame;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  },

  rowCount(tableSelector: string): number {
    return tableOf(tableSelector).querySelectorAll('[role="row"]').length;
  },
};

benchWindow.__closeoutBench = probes;

export type Probes = typeof probes;
