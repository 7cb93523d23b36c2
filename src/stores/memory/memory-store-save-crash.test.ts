import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeEmbeddings, randomCorpus } from "../../../test/stores/fake-vectors.js";
import { MemoryStore } from "./memory-store.js";

// Simulates a crash between writing the temporary file and renaming it over the index.
const failNextRename = vi.hoisted(() => ({ armed: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...original,
    rename: async (from: string, to: string) => {
      if (failNextRename.armed) {
        failNextRename.armed = false;
        throw Object.assign(new Error("simulated crash before rename"), { code: "EIO" });
      }
      return original.rename(from, to);
    },
  };
});

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "memory-store-crash-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("MemoryStore.save interrupted before the rename", () => {
  it("leaves the previous index intact and loadable, and no temporary file", async () => {
    const path = join(folder, "index.arvs");
    const store = new MemoryStore(new FakeEmbeddings(8));
    const { vectors, documents } = randomCorpus(1, 40, 8);
    await store.addVectors(vectors, documents);
    await store.save(path);

    await store.addVectors([vectors[0] as number[]], [new Document({ id: "extra", pageContent: "extra", metadata: {} })]);
    failNextRename.armed = true;
    await expect(store.save(path)).rejects.toMatchObject({
      code: "WRITE_FAILED",
      cause: expect.objectContaining({ message: expect.stringContaining("simulated crash") }),
    });

    expect(await readdir(folder)).toEqual(["index.arvs"]);
    const loaded = await MemoryStore.load(path, new FakeEmbeddings(8));
    expect(await loaded.count()).toBe(40);
  });
});
