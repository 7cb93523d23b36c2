import { ServiceError } from "../../core/errors/service-error.js";
import { DEFAULT_CHROMA_HOST, DEFAULT_CHROMA_PORT, startChromaServer } from "../../stores/chroma/chroma-server.js";
import { resolveCacheFolders } from "../cache-folder.js";
import { UsageError } from "../cli-error.js";
import type { CommandHelp, FlagTable } from "../help.js";
import { parseCommandArgs } from "./shared-options.js";

/**
 * `retrievers chroma start [--path DIR] [--port P] [--host H] [--verbose]`: runs a local Chroma server in
 * the foreground (the chromadb package's own server, no download), prints the CHROMA_URL to export,
 * and stops it cleanly on Ctrl-C or SIGTERM. `--port 0` picks a free port.
 */
export async function runChroma(args: string[]): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "start") throw new UsageError(`unknown chroma subcommand ${JSON.stringify(subcommand ?? "")} (expected: start)`);
  const { values } = parseCommandArgs(rest, chromaStartFlags, false);
  const port = values.port === undefined ? DEFAULT_CHROMA_PORT : Number(values.port);
  if (values.port !== undefined && (values.port.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new UsageError(`--port expects a port number from 0 to 65535 (0 = any free port), got "${values.port}"`);
  }
  const path = values.path ?? resolveCacheFolders(values["cache-dir"]).chroma;
  const host = values.host ?? DEFAULT_CHROMA_HOST;
  process.stderr.write(`starting Chroma on ${host}:${port === 0 ? "(free port)" : port}, data in ${path}...\n`);
  const server = await startChromaServer({
    path,
    port,
    host,
    ...(values.verbose ? { onOutput: (text: string) => process.stderr.write(text) } : {}),
  });

  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping === undefined) {
      process.stderr.write(`\n${signal}: stopping Chroma...\n`);
      stopping = server.stop();
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Announced only once Ctrl-C is handled: a signal right after the message stops the server cleanly.
  process.stdout.write(
    `Chroma is running at ${server.url} (data in ${server.path}).\nIn another shell:\n  export CHROMA_URL=${server.url}\n  retrievers query --store chroma "Which reviews praise the fight choreography?"\nPress Ctrl-C to stop.\n`,
  );
  try {
    const { code, signal } = await server.exited;
    await stopping;
    if (stopping === undefined) {
      throw new ServiceError({
        service: `Chroma (${server.url})`,
        message: `the server exited by itself (${signal ?? `exit code ${code}`}). Its output ends with:\n${server.outputTail()}`,
      });
    }
    process.stderr.write("Chroma stopped.\n");
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

const chromaStartFlags = {
  path: { type: "string", valueName: "DIR", description: "Folder where Chroma keeps its data", defaultText: "<cache folder>/chroma" },
  port: { type: "string", valueName: "P", description: "Port to listen on (0 = any free port)", defaultText: String(DEFAULT_CHROMA_PORT) },
  host: { type: "string", valueName: "H", description: "Address to listen on", defaultText: DEFAULT_CHROMA_HOST },
  "cache-dir": { type: "string", valueName: "DIR", description: "Cache folder holding the default --path (also RETRIEVERS_CACHE_DIR)" },
  verbose: { type: "boolean", description: "Show the server's own output" },
} as const satisfies FlagTable;

export const chromaStartHelp: CommandHelp = {
  name: "chroma start",
  summary:
    "Runs a local Chroma server in the foreground (the chromadb package's own server, no download), prints the CHROMA_URL to export, and stops it on Ctrl-C.",
  arguments: "",
  flags: chromaStartFlags,
};
