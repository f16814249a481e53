// Bundled into the navigation bench's init script after bridgeInit.ts and probes.ts, so it runs before the app: picks
// the account the moment the picker lists it (a person who knows which account they want, with no time to move), and
// records when the first frame with position rows was painted, in ms since navigation start (performance.timeOrigin).

interface NavigationTarget {
  accountSelector: string;
  rowSelector: string;
}

interface NavigationWindow {
  __closeoutNavigationTarget: NavigationTarget;
  /** Resolves with when the first rows were painted; awaited from outside, so nothing polls the page meanwhile. */
  __closeoutFirstRows: Promise<number>;
}

const navigationWindow = window as unknown as NavigationWindow;
const { accountSelector, rowSelector } = navigationWindow.__closeoutNavigationTarget;
let picked = false;
let painted: (at: number) => void = () => undefined;
navigationWindow.__closeoutFirstRows = new Promise((resolve) => {
  painted = resolve;
});

// A message posted from requestAnimationFrame runs just after that frame is rendered.
function afterNextPaint(then: (at: number) => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then(performance.now());
    channel.port2.postMessage(null);
  });
}

const observer = new MutationObserver(() => {
  if (!picked) {
    const account = document.querySelector<HTMLElement>(accountSelector);
    if (!account) return;
    picked = true;
    account.click();
    return;
  }
  if (!document.querySelector(rowSelector)) return;
  observer.disconnect();
  afterNextPaint(painted);
});
observer.observe(document, { childList: true, subtree: true });
