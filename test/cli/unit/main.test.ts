import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandHelp } from "../../../src/cli/help.js";
import { TECHNIQUES } from "../../../src/config/retriever-config.js";
import { main } from "../../../src/cli/main.js";
import { REPOSITORY_ROOT } from "../../support/run-cli.js";

// In-process: `main(argv, io)` returns the exit code and writes to the given streams.
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

const commandHelps: Array<[string[], () => Promise<CommandHelp>]> = [
  [["query"], async () => (await import("../../../src/cli/commands/query.js")).queryHelp],
  [["compare"], async () => (await import("../../../src/cli/commands/compare.js")).compareHelp],
  [["ask"], async () => (await import("../../../src/cli/commands/ask.js")).askHelp],
  [["index"], async () => (await import("../../../src/cli/commands/index-command.js")).indexHelp],
  [["bench"], async () => (await import("../../../src/cli/commands/bench.js")).benchHelp],
  [["init"], async () => (await import("../../../src/cli/commands/init.js")).initHelp],
  [["data", "fetch"], async () => (await import("../../../src/cli/commands/data.js")).dataFetchHelp],
  [["chroma", "start"], async () => (await import("../../../src/cli/commands/chroma.js")).chromaStartHelp],
  [["cache", "info"], async () => (await import("../../../src/cli/commands/cache.js")).cacheHelp],
];

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "retrievers-main-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("retrievers help", () => {
  it.each(commandHelps)("%s: --help, -h and help COMMAND print every flag of the parser's table, rc 0", async (words, load) => {
    const help = await load();
    const flags = Object.keys(help.flags);
    expect(flags.length).toBeGreaterThan(0);
    const outputs = [await run(...words, "--help"), await run(...words, "-h"), await run("help", ...words)];
    for (const output of outputs) {
      expect(output.code).toBe(0);
      expect(output.stderr).toBe("");
      expect(output.stdout).toMatch(new RegExp(`^Usage: retrievers ${help.name.replace(/[|]/g, "\\|")}`));
      for (const flag of flags) {
        expect(output.stdout).toContain(`--${flag}`);
        expect(help.flags[flag]!.description.length).toBeGreaterThan(10);
      }
    }
    expect(outputs[1]!.stdout).toBe(outputs[0]!.stdout);
    expect(outputs[2]!.stdout).toBe(outputs[0]!.stdout);
  });

  it("shows the value name and default of a flag", async () => {
    const { stdout } = await run("query", "--help");
    expect(stdout).toMatch(/--k N\s+Results per question.*\(default: 10\)/);
    expect(stdout).toMatch(/-t, --technique NAME\s+Technique: naive, hybrid/);
  });

  it("no arguments: usage on stderr, rc 2; help: usage on stdout, rc 0; --version: package.json's version", async () => {
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("Usage: retrievers COMMAND");
    const help = await run("help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: retrievers COMMAND");
    for (const command of ["query", "ask", "compare", "index", "bench", "init", "data fetch", "chroma start", "cache info|clear"])
      expect(help.stdout).toContain(`  ${command}`);
    const version = await run("--version");
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(
      `${(JSON.parse(readFileSync(join(REPOSITORY_ROOT, "package.json"), "utf8")) as { version: string }).version}\n`,
    );
  });
});

describe("usage errors (rc 2, naming the flag) and runtime errors (rc 1)", () => {
  it("--k must be a whole number ≥ 1: 0, abc, 2.5 and -1 are usage errors, not config errors", async () => {
    for (const value of ["0", "abc", "2.5", "-1", ""]) {
      const result = await run("query", `--k=${value}`, "x");
      expect(result.code, value).toBe(2);
      expect(result.stderr).toContain(`retrievers: --k must be a whole number ≥ 1, got "${value}"`);
      expect(result.stderr).not.toContain("config.k");
      expect(result.stderr).toContain('Usage: retrievers query [options] "question"');
    }
    const tooMany = await run("query", "--k", "5000", "--data", join(folder, "none"), "x");
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/^retrievers: --k 5000: /);
  });

  it("a flag value the configuration rejects names the flag; unknown flags and commands are usage errors", async () => {
    const technique = await run("query", "-t", "magic", "x");
    expect(technique.code).toBe(2);
    expect(technique.stderr).toMatch(/^retrievers: --technique "magic": .*"naive"/);
    const store = await run("index", "--store", "redis");
    expect(store.code).toBe(2);
    expect(store.stderr).toMatch(/^retrievers: --store "redis": .*"memory"/);
    const unknownFlag = await run("compare", "--bogus", "x");
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("'--bogus'");
    expect(unknownFlag.stderr).toContain("Run retrievers compare --help");
    const unknownCommand = await run("serch", "x");
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "serch"');
    const compareTechniques = await run("compare", "--techniques", "naive,magic", "x");
    expect(compareTechniques.code).toBe(2);
    expect(compareTechniques.stderr).toContain('retrievers: --techniques "magic": is not a technique or pipeline');
    for (const name of TECHNIQUES) expect(compareTechniques.stderr).toContain(name);
    const single = await run("compare", "--technique", "naive", "x");
    expect(single.code).toBe(2);
    expect(single.stderr).toContain("choose them with --techniques a,b");
    const badFilter = await run("query", "--filter", "{movie:3}", "x");
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toContain("--filter is not valid JSON");
    const emptyQuestion = await run("query", "  ");
    expect(emptyQuestion.code).toBe(1);
    expect(emptyQuestion.stderr).toMatch(/^advanced-retrievers: /);
    const benchTechniques = await run("bench", "--techniques", "magic");
    expect(benchTechniques.code).toBe(2);
    expect(benchTechniques.stderr).toMatch(/^retrievers: --techniques "magic": is not a technique or pipeline/);
    const subcommand = await run("cache", "purge");
    expect(subcommand.code).toBe(2);
    expect(subcommand.stderr).toContain("expected: info or clear");
  });

  it("the library's prefix appears once; a value from --config keeps naming the file (rc 1)", async () => {
    const filter = await run("query", "--filter", '{"a": {"zz": 1}}', "x");
    expect(filter.code).toBe(2);
    expect(filter.stderr.match(/advanced-retrievers:/g) ?? []).toHaveLength(0);
    expect(filter.stderr).toContain('unknown operator "zz"');
    const file = join(folder, "config.json");
    await writeFile(file, JSON.stringify({ k: 0 }));
    const fromFile = await run("query", "--config", file, "x");
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain(file);
    expect(fromFile.stderr.match(/advanced-retrievers:/g)).toHaveLength(1);
    const missing = await run("query", "--data", join(folder, "nope"), "x");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^advanced-retrievers: .*does not exist/);
  });

  it("--json: errors are one {error: {code, message}} object on stderr, stdout stays empty", async () => {
    const usage = await run("query", "--json", "--k", "0", "x");
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe("");
    expect(JSON.parse(usage.stderr)).toEqual({ error: { code: "USAGE", message: 'retrievers: --k must be a whole number ≥ 1, got "0"' } });
    const runtime = await run("query", "--json", "--data", join(folder, "nope"), "x");
    expect(runtime.code).toBe(1);
    const parsed = JSON.parse(runtime.stderr) as { error: { code: string; message: string } };
    expect(parsed.error.code).toBe("NOT_FOUND");
    expect(parsed.error.message).toContain("does not exist");
    const filter = await run("query", "--json", "--filter", "{bad", "x");
    expect(filter.code).toBe(2);
    expect((JSON.parse(filter.stderr) as { error: { code: string } }).error.code).toBe("INVALID_FILTER");
  });
});
