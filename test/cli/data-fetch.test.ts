import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";

// `retrievers data fetch` against a local HTTP server on 127.0.0.1 serving the bundled sample as jw1..jw4.csv.
let server: Server;
let baseUrl: string;
let cwd: string;
const requests: string[] = [];

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-fetch-"));
  server = createServer(async (request, response) => {
    requests.push(request.url ?? "");
    // Under /missing-4/, only films 1-3 exist.
    const match = /^\/(?:missing-4\/(?=jw[1-3]))?jw([1-4])\.csv$/.exec(request.url ?? "");
    if (!match) {
      response.writeHead(404).end("not found");
      return;
    }
    response
      .writeHead(200, { "content-type": "text/csv" })
      .end(await readFile(join(REPOSITORY_ROOT, "data", "sample", `john_wick_${match[1]}.csv`)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(cwd, { recursive: true, force: true });
});

describe("retrievers data fetch", () => {
  it("refuses files whose checksum is not the public dataset's, leaving nothing behind", async () => {
    const run = await runCli(["data", "fetch", "--base-url", baseUrl, "--data", "downloaded"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/sha-?256|checksum/i);
    // Not even the folder it created.
    expect(existsSync(join(cwd, "downloaded"))).toBe(false);
  });

  it("a download that fails after some files were saved removes them and the folders it created", async () => {
    // Films 1-3 are served, film 4 is not (404, not retried): the run fails after saving three files.
    const run = await runCli(["data", "fetch", "--base-url", `${baseUrl}missing-4/`, "--no-verify", "--data", "nested/john-wick"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("404");
    expect(requests.filter((path) => path.startsWith("/missing-4/"))).toHaveLength(4);
    expect(existsSync(join(cwd, "nested"))).toBe(false);
    expect(existsSync(join(cwd, "data", "john-wick"))).toBe(false);
  });

  it("with --no-verify saves john_wick_1..4.csv that the query command then uses", async () => {
    const run = await runCli(["data", "fetch", "--base-url", baseUrl, "--no-verify"], { cwd });
    expect(run.stderr).not.toContain("advanced-retrievers:");
    expect(run.code).toBe(0);
    expect((await readdir(join(cwd, "data", "john-wick"))).sort()).toEqual([
      "john_wick_1.csv",
      "john_wick_2.csv",
      "john_wick_3.csv",
      "john_wick_4.csv",
    ]);
    expect(requests).toContain("/jw4.csv");
    const query = await runCli(["index"], { cwd });
    expect(query.stdout).toContain(`data: ${join(cwd, "data", "john-wick")}`);
  });
});
