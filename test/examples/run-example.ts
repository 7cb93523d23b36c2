import { join } from "node:path";
import { REPOSITORY_ROOT, runTsx, type CliRun, type RunOptions } from "../support/run-cli.js";

export const EXAMPLES_DIRECTORY = join(REPOSITORY_ROOT, "examples");

/** Runs `tsx examples/<name>.ts ...args` in `cwd` with a clean environment (no API keys) plus `env`. */
export function runExample(name: string, options: RunOptions & { args?: string[] }): Promise<CliRun> {
  return runTsx(join(EXAMPLES_DIRECTORY, `${name}.ts`), options.args ?? [], options);
}
