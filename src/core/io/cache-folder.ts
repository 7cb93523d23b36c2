import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/** Environment variable naming the cache folder (below an explicit folder such as `--cache-dir`, above the XDG default). */
export const CACHE_DIR_VARIABLE = "RETRIEVERS_CACHE_DIR";
/** Name of the folder inside `$XDG_CACHE_HOME` (or `~/.cache`). */
export const CACHE_FOLDER_NAME = "advanced-retrievers";

/** What lives in the cache folder: saved indexes, the embeddings cache, the data of `retrievers chroma start`. */
export interface CacheFolders {
  root: string;
  index: string;
  embeddings: string;
  chroma: string;
}

/**
 * The user cache folder of the library and the CLI: `folder` when given (the CLI's `--cache-dir`), else
 * `RETRIEVERS_CACHE_DIR`, else `$XDG_CACHE_HOME/advanced-retrievers` (an absolute XDG_CACHE_HOME only, as
 * the XDG spec says), else `~/.cache/advanced-retrievers`. Indexes and embeddings inside are keyed by
 * dataset and model fingerprints, so one folder serves every project. Resolved on each call, so an
 * environment variable set after the library was loaded counts.
 */
export function resolveCacheFolders(folder?: string, environment: NodeJS.ProcessEnv = process.env): CacheFolders {
  const fromEnvironment = environment[CACHE_DIR_VARIABLE]?.trim();
  const xdg = environment.XDG_CACHE_HOME?.trim();
  const root =
    folder !== undefined
      ? resolve(folder)
      : fromEnvironment !== undefined && fromEnvironment !== ""
        ? resolve(fromEnvironment)
        : xdg !== undefined && xdg !== "" && isAbsolute(xdg)
          ? join(xdg, CACHE_FOLDER_NAME)
          : join(homedir(), ".cache", CACHE_FOLDER_NAME);
  return { root, index: join(root, "index"), embeddings: join(root, "embeddings"), chroma: join(root, "chroma") };
}
