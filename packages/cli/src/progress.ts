// Progress on stderr: on a terminal a live display (log-update redraws a block in place, handling width, wrapping
// and the cursor), otherwise plain lines, one per event worth keeping in a CI log. Chosen over listr2 (a task-tree
// framework, more than a status block needs) and cli-progress (bars only): log-update is small, maintained, and
// draws whatever lines we give it. With --json and no terminal nothing is printed, so stdout stays one document.

export interface Progress {
  /** The live block (a terminal only); redrawn at most every 100 ms. */
  render(lines: () => string[]): void;
  /** A line kept in the output (plain mode), or printed above the live block. */
  line(text: string): void;
  /** A line the user must see even with --json (an answer to their Ctrl-C). */
  notice(text: string): void;
  done(): void;
}

export async function progress(stream: NodeJS.WriteStream, quiet: boolean): Promise<Progress> {
  // A terminal of no size (a pseudo-terminal nobody sized) cannot show a block: plain lines there too.
  if (!stream.isTTY || !(stream.rows > 0)) {
    return {
      render() {},
      line: (text) => {
        if (!quiet) stream.write(`${text}\n`);
      },
      notice: (text) => stream.write(`${text}\n`),
      done() {},
    };
  }
  // log-update only on a terminal: a CI log or a pipe never loads it.
  const { createLogUpdate } = await import('log-update');
  const live = createLogUpdate(stream, { showCursor: true });
  let draw: (() => string[]) | undefined;
  const timer = setInterval(() => draw && live(draw().join('\n')), 100);
  timer.unref();
  return {
    render(lines) {
      draw = lines;
    },
    line(text) {
      live.persist(text);
    },
    notice(text) {
      live.persist(text);
    },
    done() {
      clearInterval(timer);
      if (draw) live(draw().join('\n'));
      live.done();
    },
  };
}
