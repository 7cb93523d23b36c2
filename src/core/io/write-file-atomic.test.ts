import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./write-file-atomic.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "atomic-write-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("writes all chunks and leaves no temporary file", async () => {
    const path = join(folder, "out.bin");
    await writeFileAtomic(path, [Buffer.from("hello "), Buffer.from("world")]);
    expect(await readFile(path, "utf8")).toBe("hello world");
    expect(await readdir(folder)).toEqual(["out.bin"]);
  });

  it("creates a missing parent folder", async () => {
    const path = join(folder, "a", "b", "out.txt");
    await writeFileAtomic(path, [Buffer.from("x")]);
    expect(await readFile(path, "utf8")).toBe("x");
  });

  it("keeps the previous file intact and removes the temporary file when writing fails midway", async () => {
    const path = join(folder, "index.bin");
    await writeFile(path, "previous content");
    function* failing(): Generator<Uint8Array> {
      yield Buffer.alloc(1024 * 1024, 1);
      throw new Error("simulated crash while writing");
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow("simulated crash");
    expect(await readFile(path, "utf8")).toBe("previous content");
    expect(await readdir(folder)).toEqual(["index.bin"]);
  });

  it("accepts async chunk producers", async () => {
    const path = join(folder, "async.txt");
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("a");
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield Buffer.from("b");
    }
    await writeFileAtomic(path, chunks());
    expect(await readFile(path, "utf8")).toBe("ab");
  });

  it("accepts a string or a single buffer", async () => {
    await writeFileAtomic(join(folder, "text.txt"), "héllo");
    await writeFileAtomic(join(folder, "bytes.bin"), new Uint8Array([1, 2, 3]));
    expect(await readFile(join(folder, "text.txt"), "utf8")).toBe("héllo");
    expect([...(await readFile(join(folder, "bytes.bin")))]).toEqual([1, 2, 3]);
  });

  it("turns file-system failures into WRITE_FAILED naming the file, leaving nothing behind", async () => {
    await writeFile(join(folder, "not-a-folder"), "x");
    const path = join(folder, "not-a-folder", "index.bin");
    await expect(writeFileAtomic(path, "data")).rejects.toMatchObject({ code: "WRITE_FAILED", message: expect.stringContaining(path) });
    expect(await readdir(folder)).toEqual(["not-a-folder"]);
  });
});
