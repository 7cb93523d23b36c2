import type { BenchmarkProgress } from "./run-benchmark.js";

/** Width of the bar, in characters. */
export const PROGRESS_BAR_WIDTH = 24;
/** Without a terminal, a plain line is printed every this many queries (and at the end of each technique). */
export const PLAIN_PROGRESS_EVERY = 10;

/** Where progress goes: a stream with `write`, and `isTTY` when it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * A progress reporter for `runBenchmark`'s `onProgress`: on a terminal, one redrawn line
 * (`[#####-----] hybrid 12/40 (technique 2/5)`); otherwise plain lines (technique start, every
 * `PLAIN_PROGRESS_EVERY` queries, technique end), so logs stay readable. Call `finish()` at the end.
 */
export function createProgressReporter(stream: ProgressStream): { onProgress: (event: BenchmarkProgress) => void; finish: () => void } {
  const interactive = stream.isTTY === true;
  let drawn = false;
  const draw = (text: string) => {
    stream.write(`\r\u001b[2K${text}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) stream.write("\r\u001b[2K");
    drawn = false;
  };
  const onProgress = (event: BenchmarkProgress) => {
    const position = `technique ${event.techniqueIndex + 1}/${event.techniqueCount}`;
    if (event.type === "build") {
      if (interactive) draw(`bench: building ${event.technique} (${position})…`);
      else stream.write(`bench: building ${event.technique} (${position})\n`);
    } else if (event.type === "query") {
      const done = event.queryIndex + 1;
      if (interactive) {
        const filled = Math.round((done / event.queryCount) * PROGRESS_BAR_WIDTH);
        draw(
          `bench: [${"#".repeat(filled)}${"-".repeat(PROGRESS_BAR_WIDTH - filled)}] ${event.technique} query ${done}/${event.queryCount} (${position})`,
        );
      } else if (done % PLAIN_PROGRESS_EVERY === 0) {
        stream.write(`bench: ${event.technique} query ${done}/${event.queryCount}\n`);
      }
    } else {
      clear();
      stream.write(`bench: ${event.technique} ${event.failed ? "FAILED" : "done"} (${position})\n`);
    }
  };
  return { onProgress, finish: clear };
}
