/** The documented exit codes (docs/cli-guide.md). */
export const EXIT = {
  /** Done: the command did what it was asked (a fleet run: every change changed or already there). */
  ok: 0,
  /** Failed: the provider refused, a job failed, the network failed. */
  failed: 1,
  /** Usage: a bad flag or argument, an invalid plan — nothing was sent. */
  usage: 2,
  /** A fleet run that ended with failed, aborted, unresolved or never-started changes. */
  fleetFailures: 3,
} as const;
