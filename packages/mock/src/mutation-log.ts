/** One entry of `GET /__instancekit/log`: every mutation received, and every injected fault. */
export interface LogEntry {
  /** ISO time the request arrived. */
  time: string;
  /** The mock that received it (`tencent-cvm-api3`, …). */
  mock: string;
  action: string;
  instanceIds: string[];
  /** The request id answered (the provider's, or the one of the error example). */
  requestId: string | null;
  outcome: 'accepted' | 'error' | 'example';
  /** The provider's error code answered, for `error`. */
  error?: string;
  status: number;
  /** An injected fault: `throttle` or `serverError`. */
  fault?: 'throttle' | 'serverError';
  latencyMs?: number;
}

/** The log of one provider (its servers share it, like the fleet). */
export class MutationLog {
  private entries: LogEntry[] = [];

  add(entry: LogEntry): void {
    this.entries.push(entry);
  }

  all(): LogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
