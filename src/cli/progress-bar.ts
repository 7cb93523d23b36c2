/** Width of the bar, in characters. */
export const PROGRESS_BAR_WIDTH = 24;
/** Work shorter than this shows no progress at all. */
export const PROGRESS_DELAY_MS = 1_000;
/** Without a terminal, one plain line at most this often. */
export const PLAIN_PROGRESS_INTERVAL_MS = 5_000;
/** On a terminal, the bar is redrawn at most this often. */
const REDRAW_INTERVAL_MS = 100;

/** Where progress goes: a stream with `write`, and `isTTY` when it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Options of `createProgressBar`. */
export interface ProgressBarOptions {
  stream: ProgressStream;
  /** What is counted, e.g. "embedding". */
  label: string;
  /** The unit after the count, e.g. "texts". @default "" */
  unit?: string;
  /** Nothing is shown for work that ends before this. @default 1000 */
  delayMs?: number;
  /** Without a terminal, the interval of the plain lines. @default 5000 */
  plainIntervalMs?: number;
  /** Clock in milliseconds (tests). @default performance.now */
  now?: () => number;
}

/** A task's progress: `advance` as items finish, `finish` at the end (clears the bar). */
export interface ProgressBar {
  advance(count: number): void;
  finish(): void;
}

/**
 * Progress of one counted task on stderr: on a terminal a redrawn bar with count, rate and ETA
 * (`embedding [######------] 120/400 texts · 45/s · ETA 6 s`), otherwise a plain line every few
 * seconds, so logs stay readable. Nothing at all for work shorter than `delayMs`.
 */
export function createProgressBar(total: number, options: ProgressBarOptions): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? PROGRESS_DELAY_MS;
  const plainIntervalMs = options.plainIntervalMs ?? PLAIN_PROGRESS_INTERVAL_MS;
  const interactive = options.stream.isTTY === true;
  const unit = options.unit === undefined || options.unit === "" ? "" : ` ${options.unit}`;
  const started = now();
  let done = 0;
  let lastShown = -Infinity;
  let drawn = false;
  let printed = false;

  const describe = (): string => {
    const elapsedSeconds = Math.max(0.001, (now() - started) / 1000);
    const rate = done / elapsedSeconds;
    const eta = rate > 0 && done < total ? ` · ETA ${formatSeconds((total - done) / rate)}` : "";
    return `${done}/${total}${unit} · ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)}/s${eta}`;
  };
  const show = (force: boolean) => {
    const time = now();
    if (time - started < delayMs) return;
    if (!force && time - lastShown < (interactive ? REDRAW_INTERVAL_MS : plainIntervalMs)) return;
    lastShown = time;
    if (interactive) {
      const filled = total === 0 ? PROGRESS_BAR_WIDTH : Math.round((done / total) * PROGRESS_BAR_WIDTH);
      options.stream.write(`\r\u001b[2K${options.label} [${"#".repeat(filled)}${"-".repeat(PROGRESS_BAR_WIDTH - filled)}] ${describe()}`);
      drawn = true;
    } else {
      options.stream.write(`${options.label}: ${describe()}\n`);
      printed = true;
    }
  };
  return {
    advance(count) {
      done = Math.min(total, done + count);
      show(false);
    },
    finish() {
      if (drawn) options.stream.write("\r\u001b[2K");
      else if (printed && now() - lastShown > 0)
        options.stream.write(`${options.label}: ${done}/${total}${unit} done in ${formatSeconds((now() - started) / 1000)}\n`);
      drawn = false;
    },
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
