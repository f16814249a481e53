// Bundled into the bench page's init script after bridgeInit.ts. It gives the bridge its transport (a same-origin
// POST to the core; the answer's bytes arrive off the main thread and are parsed here, as Electron's IPC deserialises
// an answer before invoke resolves) and the probes the bench reads: when each answer left the core and became a value
// in the page, when rows were painted, frame times, row elements.
import { CLOCK_PATH, INVOKE_PATH, LEFT_CORE_HEADER } from './invokePath';

interface Answer {
  channel: string;
  /** When the core had the answer, on the page's clock: the start of the hand-over. */
  leftCoreAt: number;
  /** When the answer became a value in the page. */
  at: number;
  parseMs: number;
}

interface BenchWindow {
  __closeoutInvoke(channel: string, request: unknown): Promise<unknown>;
  __closeoutBench: typeof probes;
}

const benchWindow = window as unknown as BenchWindow;
const answers: Answer[] = [];
const answerListeners = new Set<() => void>();
/** The server's clock less the page's (both ms since the epoch), set by calibrateClock. */
let serverAhead = 0;

const epochNow = () => performance.timeOrigin + performance.now();
/** When the page first called the bridge, in ms since navigation start (performance.timeOrigin). */
let firstCallAt: number | undefined;

benchWindow.__closeoutInvoke = async (channel, request) => {
  firstCallAt ??= performance.now();
  const response = await fetch(INVOKE_PATH, { method: 'POST', body: JSON.stringify({ channel, request }) });
  const text = await response.text();
  const parseStarted = performance.now();
  const envelope: unknown = JSON.parse(text);
  const at = performance.now();
  const leftCoreAt = Number(response.headers.get(LEFT_CORE_HEADER)) - serverAhead - performance.timeOrigin;
  answers.push({ channel, leftCoreAt, at, parseMs: at - parseStarted });
  for (const listener of answerListeners) listener();
  return envelope;
};

/** TanStack Query refetches every stale query it shows when the window becomes visible: the app's own refresh path. */
function refresh(): void {
  window.dispatchEvent(new Event('visibilitychange'));
}

/** Resolves just after the next frame is painted: a timer set from requestAnimationFrame runs after rendering. */
function nextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once every channel has answered since answer number `from`; waits without polling. */
function whenAnswered(channels: string[], from: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!channels.every((channel) => answers.slice(from).some((answer) => answer.channel === channel))) return;
      answerListeners.delete(check);
      resolve();
    };
    answerListeners.add(check);
    check();
  });
}

function lastAnswer(channel: string, from: number): Answer {
  const matching = answers.slice(from).filter((answer) => answer.channel === channel);
  const last = matching[matching.length - 1];
  if (!last) throw new Error(`no ${channel} answer arrived`);
  return last;
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
  /**
   * Reads the server's clock a few times and keeps the offset from the quickest round trip, so the time an answer left
   * the core falls on the page's clock to within half that trip. Tells the trip in ms.
   */
  async calibrateClock(samples: number): Promise<number> {
    let best = Infinity;
    for (let sample = 0; sample < samples; sample += 1) {
      const sent = epochNow();
      const { now } = (await (await fetch(CLOCK_PATH)).json()) as { now: number };
      const received = epochNow();
      if (received - sent < best) {
        best = received - sent;
        serverAhead = now - (sent + received) / 2;
      }
    }
    return best;
  },

  /**
   * Refreshes and tells when the positions answer left the core and became a value in the page, and when the first
   * frame with a row in the DOM was painted.
   */
  async paintAfterRefresh(rowSelector: string): Promise<{ leftCoreAt: number; dataAt: number; parseMs: number; paintedAt: number }> {
    const from = answers.length;
    await whenPresent(rowSelector, refresh);
    const paintedAt = await nextPaint();
    const { leftCoreAt, at, parseMs } = lastAnswer('positions:poll', from);
    return { leftCoreAt, dataAt: at, parseMs, paintedAt };
  },

  /**
   * Refreshes and waits until every named channel has answered and two more frames have been painted; tells how long
   * parsing the answers took.
   */
  async refreshAndSettle(channels: string[]): Promise<{ parseMs: number; answers: Record<string, number> }> {
    const from = answers.length;
    refresh();
    await whenAnswered(channels, from);
    await nextPaint();
    await nextPaint();
    const arrived = answers.slice(from);
    const counts: Record<string, number> = {};
    for (const answer of arrived) counts[answer.channel] = (counts[answer.channel] ?? 0) + 1;
    return { parseMs: arrived.reduce((sum, answer) => sum + answer.parseMs, 0), answers: counts };
  },

  /** Waits `ms` and tells how many answers arrived meanwhile (the app's own polling does not stop for the bench). */
  async idle(ms: number): Promise<number> {
    const from = answers.length;
    await sleep(ms);
    return answers.length - from;
  },

  /**
   * Moves the table's scrollTop at `pxPerSecond` for `ms`, from the top, bouncing between top and bottom, set on each
   * animation frame from the time elapsed (so a late frame jumps as a fling would); tells the intervals between frames.
   */
  scroll(tableSelector: string, ms: number, pxPerSecond: number): Promise<{ frameMs: number[]; maxRows: number }> {
    const table = tableOf(tableSelector);
    table.scrollTop = 0;
    const bottom = table.scrollHeight - table.clientHeight;
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
        const travelled = bottom > 0 ? ((now - startedAt) * pxPerSecond / 1000) % (2 * bottom) : 0;
        table.scrollTop = travelled > bottom ? 2 * bottom - travelled : travelled;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  },

  /**
   * Focuses the table's first row and presses Ctrl+A there, then times until every row in the DOM shows as picked and
   * the next frame is painted: the cost of picking every row, with the whole table re-rendering its window.
   */
  async selectAll(tableSelector: string): Promise<{ ms: number; picked: number }> {
    const table = tableOf(tableSelector);
    const first = table.querySelector<HTMLElement>('[data-row-id]');
    if (!first) throw new Error('the table has no rows to pick');
    first.focus();
    const start = performance.now();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', ctrlKey: true, bubbles: true, cancelable: true }));
    const rows = () => [...table.querySelectorAll('[data-row-id]')];
    while (!rows().every((row) => row.getAttribute('aria-selected') === 'true')) await new Promise((resolve) => requestAnimationFrame(resolve));
    const paintedAt = await nextPaint();
    return { ms: paintedAt - start, picked: rows().length };
  },

  /**
   * Types `text` into the field one character at a time, each keystroke starting just after a paint, and times each
   * from its input event until the filtered list is rendered and laid out (React flushes a discrete input's update in
   * a microtask; reading the list's geometry forces style and layout). Tells what `countSelector` read at the end of
   * each timed keystroke, so the bench can check the list was already filtered for it, and afterwards.
   */
  async typeToFilter(inputSelector: string, listSelector: string, countSelector: string, text: string): Promise<{ ms: number[]; counted: string[]; countText: string }> {
    const input = document.querySelector<HTMLInputElement>(inputSelector);
    const list = document.querySelector<HTMLElement>(listSelector);
    if (!input || !list) throw new Error(`nothing matches ${inputSelector} or ${listSelector}`);
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    if (!setValue) throw new Error('the input has no value setter');
    input.focus();
    const ms: number[] = [];
    const counted: string[] = [];
    for (let typed = 1; typed <= text.length; typed += 1) {
      await nextPaint();
      const start = performance.now();
      setValue.call(input, text.slice(0, typed));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.resolve();
      await Promise.resolve();
      list.getBoundingClientRect();
      void list.scrollHeight;
      ms.push(performance.now() - start);
      counted.push(document.querySelector(countSelector)?.textContent ?? '');
    }
    await nextPaint();
    return { ms, counted, countText: document.querySelector(countSelector)?.textContent ?? '' };
  },

  /** Empties the field as a user clearing it would, and waits for two paints. */
  async clearField(inputSelector: string): Promise<void> {
    const input = document.querySelector<HTMLInputElement>(inputSelector);
    if (!input) throw new Error(`nothing matches ${inputSelector}`);
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await nextPaint();
    await nextPaint();
  },

  /** When the page first called the bridge, in ms since navigation start; null before it has. */
  firstCall(): { at: number | null } {
    return { at: firstCallAt ?? null };
  },

  rowCount(tableSelector: string): number {
    return tableOf(tableSelector).querySelectorAll('[role="row"]').length;
  },
};

benchWindow.__closeoutBench = probes;

export type Probes = typeof probes;
