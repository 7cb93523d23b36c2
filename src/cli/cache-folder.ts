// The CLI's cache folder is the library's (src/core/io/cache-folder.ts); `--cache-dir` is passed as its folder.
export { CACHE_DIR_VARIABLE, CACHE_FOLDER_NAME, resolveCacheFolders, type CacheFolders } from "../core/io/cache-folder.js";
