import { seededRandom } from './random';

/** Which requests a fault applies to; an absent field matches every request. */
export interface FaultMatch {
  method?: string;
  path?: RegExp;
}

export interface HangFault {
  match?: FaultMatch;
  /** before-apply: nothing changes and no answer comes; after-apply: the change happens, then no answer comes. */
  when: 'before-apply' | 'after-apply';
}

export interface FailAfterApplyFault {
  match?: FaultMatch;
}

/** Matching answers quote the credentials the client sent back in their words, codes and request id, as a careless broker might. */
export interface EchoCredentialsFault {
  match?: FaultMatch;
}

export interface FaultTarget {
  method: string;
  path: string;
}

/** Failure modes a test switches on per case, so a client's "outcome unknown" handling can be exercised for real. */
export class FaultKnobs {
  /** Delay before the request is handled at all, like a slow network. */
  latencyMs = 0;
  /** Chance (0..1) of answering 500 before the request is applied. */
  errorRate = 0;
  hang: HangFault | null = null;
  failAfterApply: FailAfterApplyFault | null = null;
  echoCredentials: EchoCredentialsFault | null = null;

  private readonly random: () => number;

  constructor(seed = 1) {
    this.random = seededRandom(seed).next;
  }

  reset(): void {
    this.latencyMs = 0;
    this.errorRate = 0;
    this.hang = null;
    this.failAfterApply = null;
    this.echoCredentials = null;
  }

  echoes(target: FaultTarget): boolean {
    return this.echoCredentials !== null && faultMatches(this.echoCredentials.match, target);
  }

  /** Draws for every request, so with a fixed seed the same request sequence fails at the same places. */
  rollError(): boolean {
    const roll = this.random();
    return this.errorRate > 0 && roll < this.errorRate;
  }
}

export function faultMatches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (match?.method !== undefined && match.method.toUpperCase() !== target.method.toUpperCase()) return false;
  // search() ignores a /g regex's lastIndex, so a shared pattern matches the same way on every request.
  if (match?.path !== undefined && target.path.search(match.path) < 0) return false;
  return true;
}

export type FaultedResult<T> =
  | { kind: 'answer'; value: T }
  | { kind: 'fail'; applied: boolean }
  | { kind: 'hang'; applied: boolean };

/** Runs `apply` unless a fault says otherwise, and reports what the server should do with the answer. */
export async function applyWithFaults<T>(
  knobs: FaultKnobs,
  target: FaultTarget,
  apply: () => T | Promise<T>,
): Promise<FaultedResult<T>> {
  if (knobs.rollError()) return { kind: 'fail', applied: false };
  const hang = knobs.hang;
  const hangs = hang !== null && faultMatches(hang.match, target);
  if (hangs && hang.when === 'before-apply') return { kind: 'hang', applied: false };
  const value = await apply();
  if (hangs) return { kind: 'hang', applied: true };
  if (knobs.failAfterApply !== null && faultMatches(knobs.failAfterApply.match, target)) return { kind: 'fail', applied: true };
  return { kind: 'answer', value };
}
