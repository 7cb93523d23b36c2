import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveCacheFolders } from "../../../src/cli/cache-folder.js";
import { createProgressBar } from "../../../src/cli/progress-bar.js";
import { withEmbeddingProgress } from "../../../src/cli/progress-embeddings.js";
import { showProgress } from "../../../src/cli/commands/shared-options.js";
import { FakeEmbeddings } from "../../support/fake-embeddings.js";

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) }, writes };
}

describe("progress bar", () => {
  it("on a terminal: a redrawn bar with count, rate and ETA after the first second, cleared at the end", () => {
    let time = 0;
    const { stream, writes } = recorder(true);
    const bar = createProgressBar(400, { stream, label: "embedding", unit: "texts", now: () => time });
    time = 500;
    bar.advance(50);
    expect(writes).toHaveLength(0);
    time = 2_000;
    bar.advance(50);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe("\r\u001b[2Kembedding [######------------------] 100/400 texts · 50/s · ETA 6.0 s");
    time = 2_050;
    bar.advance(10);
    expect(writes).toHaveLength(1);
    bar.finish();
    expect(writes.at(-1)).toBe("\r\u001b[2K");
  });

  it("without a terminal: a plain line every few seconds, then a closing line; nothing for short work", () => {
    let time = 0;
    const { stream, writes } = recorder(false);
    const bar = createProgressBar(100, { stream, label: "embedding", unit: "texts", now: () => time });
    for (let step = 1; step <= 10; step += 1) {
      time = step * 1_000;
      bar.advance(10);
    }
    bar.finish();
    expect(writes).toEqual([
      "embedding: 10/100 texts · 10/s · ETA 9.0 s\n",
      "embedding: 60/100 texts · 10/s · ETA 4.0 s\n",
      "embedding: 100/100 texts done in 10 s\n",
    ]);
    const quick = recorder(false);
    const short = createProgressBar(100, { stream: quick.stream, label: "embedding", now: () => 10 });
    short.advance(100);
    short.finish();
    expect(quick.writes).toEqual([]);
  });

  it("embeddings with progress return the same vectors in order, split in chunks", async () => {
    const inner = new FakeEmbeddings();
    const calls: number[] = [];
    const spy = Object.assign(Object.create(inner) as FakeEmbeddings, {
      embedDocuments: (texts: string[]) => {
        calls.push(texts.length);
        return inner.embedDocuments(texts);
      },
    });
    const texts = Array.from({ length: 100 }, (_, index) => `text number ${index}`);
    const wrapped = withEmbeddingProgress(spy, recorder(false).stream);
    expect(await wrapped.embedDocuments(texts)).toEqual(await inner.embedDocuments(texts));
    expect(calls.length).toBe(7);
    expect(calls.reduce((sum, count) => sum + count, 0)).toBe(100);
    expect(await wrapped.embedQuery("q")).toEqual(await inner.embedQuery("q"));
  });

  it("shown unless --quiet; with --json only when --progress", () => {
    expect(showProgress({})).toBe(true);
    expect(showProgress({ quiet: true })).toBe(false);
    expect(showProgress({ json: true })).toBe(false);
    expect(showProgress({ json: true, progress: true })).toBe(true);
    expect(showProgress({ json: true, progress: true, quiet: true })).toBe(false);
  });
});

describe("cache folder", () => {
  it("--cache-dir, else RETRIEVERS_CACHE_DIR, else $XDG_CACHE_HOME/advanced-retrievers, else ~/.cache/advanced-retrievers", () => {
    expect(resolveCacheFolders("flag-dir", { RETRIEVERS_CACHE_DIR: "/env", XDG_CACHE_HOME: "/xdg" }).root).toBe(resolve("flag-dir"));
    expect(resolveCacheFolders(undefined, { RETRIEVERS_CACHE_DIR: "/env", XDG_CACHE_HOME: "/xdg" }).root).toBe(resolve("/env"));
    expect(resolveCacheFolders(undefined, { XDG_CACHE_HOME: "/xdg" }).root).toBe(join("/xdg", "advanced-retrievers"));
    // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
    expect(resolveCacheFolders(undefined, { XDG_CACHE_HOME: "relative" }).root).toBe(join(homedir(), ".cache", "advanced-retrievers"));
    const folders = resolveCacheFolders(undefined, {});
    expect(folders).toEqual({
      root: join(homedir(), ".cache", "advanced-retrievers"),
      index: join(folders.root, "index"),
      embeddings: join(folders.root, "embeddings"),
      chroma: join(folders.root, "chroma"),
    });
  });
});

describe("the test run's cache folder", () => {
  it("is a temporary folder, never the user's (test/setup/cache-folder-setup.ts)", () => {
    const folder = process.env.RETRIEVERS_CACHE_DIR ?? "";
    expect(folder.startsWith(join(tmpdir(), "advanced-retrievers-test-cache-"))).toBe(true);
    expect(resolveCacheFolders(undefined).root).toBe(folder);
    expect(process.env.XDG_CACHE_HOME).toBe(folder);
  });
});
