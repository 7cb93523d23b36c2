import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of this module, in both builds: CommonJS has `__dirname`; ESM (and tsup's CJS output,
 * where `shims: true` rewrites `import.meta.url`) has `import.meta.url`. `undefined` when neither is
 * usable (e.g. the library was re-bundled into a single file by another tool).
 */
export function currentModuleFolder(): string | undefined {
  if (typeof __dirname === "string" && __dirname !== "") return __dirname;
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

/**
 * The installed package's root: the nearest folder at or above `startFolder` holding a
 * `package.json`. Works from `src/loaders/` (tests, tsx), `dist/` and `dist/cli/` (built code), and
 * `node_modules/advanced-retrievers/dist/` (installed). `undefined` when none is found.
 */
export function findPackageRoot(startFolder: string | undefined = currentModuleFolder()): string | undefined {
  if (startFolder === undefined) return undefined;
  let folder = startFolder;
  for (;;) {
    if (existsSync(join(folder, "package.json"))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
