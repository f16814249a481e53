/** Every timer a simulator starts, so close() can stop pending fills and delays and let a test process exit. */
export class TimerSet {
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopped = false;

  schedule(run: () => void, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    this.pending.add(timer);
  }

  /** Resolves after ms, or never once the set is cleared (the request it delayed is abandoned). */
  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.schedule(resolve, ms));
  }

  clear(): void {
    this.stopped = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
