import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { JOHN_WICK_FILMS, johnWickFileName } from "./load-reviews.js";
import { findPackageRoot } from "../../loaders/package-root.js";

/** Where `retrievers data fetch` saves the full dataset, relative to the working folder. */
export const DOWNLOADED_DATA_FOLDER = join("data", "john-wick");
/** The synthetic sample shipped with the package, relative to the package root. */
export const SAMPLE_DATA_FOLDER = join("data", "sample");

/** Options of `resolveDataFolder`. */
export interface ResolveDataFolderOptions {
  /** A folder the user named (e.g. `--data`); relative paths are resolved against `cwd`. @default none */
  explicit?: string;
  /** The working folder `explicit` and `data/john-wick/` are resolved against. @default process.cwd() */
  cwd?: string;
  /** Package root holding `data/sample/`. @default found by walking up from this module to the nearest package.json */
  packageRoot?: string;
}

/** Which folder was picked, and why. */
export interface ResolvedDataFolder {
  /** Absolute path of the folder holding `john_wick_<n>.csv` files. */
  folder: string;
  /** `explicit`: the folder the user named; `downloaded`: `data/john-wick/` under `cwd`; `sample`: the bundled synthetic sample. */
  source: "explicit" | "downloaded" | "sample";
}

const optionsSchema = z
  .object({
    explicit: z.string().min(1, "must not be empty").optional(),
    cwd: z.string().min(1, "must not be empty").optional(),
    packageRoot: z.string().min(1, "must not be empty").optional(),
  })
  .strict();

/**
 * Picks the data folder: the explicit folder when given (`NOT_FOUND` if it is not a folder), else
 * `data/john-wick/` under `cwd` when it holds all four review files, else the bundled sample.
 * A `data/john-wick/` holding only some of the files is an error (a partial dataset would silently
 * change every answer), naming the missing files and the fix.
 */
export async function resolveDataFolder(options: ResolveDataFolderOptions = {}): Promise<ResolvedDataFolder> {
  const parsed = parseOptions(optionsSchema, options, "resolveDataFolder");
  const cwd = parsed.cwd ?? process.cwd();

  if (parsed.explicit !== undefined) {
    const folder = resolve(cwd, parsed.explicit);
    if (!(await isFolder(folder))) {
      throw new RetrieverError({
        code: ErrorCodes.NOT_FOUND,
        message: `data folder ${folder} does not exist or is not a folder; check the --data path`,
      });
    }
    return { folder, source: "explicit" };
  }

  const downloaded = resolve(cwd, DOWNLOADED_DATA_FOLDER);
  if (await isFolder(downloaded)) {
    const names = new Set(await readdir(downloaded));
    const expected = JOHN_WICK_FILMS.map(johnWickFileName);
    const missing = expected.filter((name) => !names.has(name));
    if (missing.length === 0) return { folder: downloaded, source: "downloaded" };
    if (missing.length < expected.length) {
      throw new RetrieverError({
        code: ErrorCodes.NOT_FOUND,
        message: `data folder ${downloaded} is incomplete: ${missing.join(", ")} missing; run \`retrievers data fetch\` again, or pass --data to choose a folder`,
      });
    }
  }

  const packageRoot = parsed.packageRoot ?? findPackageRoot();
  const sample = packageRoot === undefined ? undefined : join(packageRoot, SAMPLE_DATA_FOLDER);
  if (sample === undefined || !(await isFolder(sample))) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `no data folder found: ${downloaded} does not hold the dataset and the bundled sample (${sample ?? "package root not found"}) is missing; run \`retrievers data fetch\` or pass --data`,
    });
  }
  return { folder: sample, source: "sample" };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
