import { randomBytes } from 'node:crypto';

/** Where a session's pushes go: its events stream. */
export interface SessionStream {
  write(line: string): void;
}

/**
 * The client sessions a server holds: one at a time unless several were allowed. A session lives exactly as long as
 * its events stream, so a tab that closes frees it for the next.
 */
export class ClientSessions {
  private readonly open = new Map<string, SessionStream>();

  constructor(private readonly multiClient: boolean) {}

  /** A new session for this stream, or null while another client holds the only one. */
  begin(stream: SessionStream): string | null {
    if (!this.multiClient && this.open.size > 0) return null;
    const id = randomBytes(16).toString('hex');
    this.open.set(id, stream);
    return id;
  }

  end(id: string): void {
    this.open.delete(id);
  }

  isLive(id: string | undefined): boolean {
    return id !== undefined && this.open.has(id);
  }

  broadcast(line: string): void {
    for (const stream of this.open.values()) stream.write(line);
  }
}
