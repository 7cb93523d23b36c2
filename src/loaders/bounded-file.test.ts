import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { readBoundedFile } from "./bounded-file.js";
import { listFolderFiles, parseFrontMatter } from "./source-records.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "bounded-file-test-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("readBoundedFile", () => {
  it("reads a regular file, and one behind a symbolic link", async () => {
    await writeFile(join(folder, "a.csv"), "x,y\n1,2\n");
    await symlink(join(folder, "a.csv"), join(folder, "link.csv"));
    expect((await readBoundedFile(join(folder, "link.csv"))).toString()).toBe("x,y\n1,2\n");
  });

  it("refuses a file over the limit, a folder, a missing path and a FIFO, naming the path", async () => {
    await writeFile(join(folder, "big.csv"), "x".repeat(101));
    await expect(readBoundedFile(join(folder, "big.csv"), { maxBytes: 100 })).rejects.toMatchObject({
      code: ErrorCodes.INPUT_TOO_LARGE,
      message: expect.stringContaining("the limit of 100 bytes"),
    });
    await mkdir(join(folder, "sub.csv"));
    await expect(readBoundedFile(join(folder, "sub.csv"))).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND,
      message: expect.stringContaining("is a folder"),
    });
    await expect(readBoundedFile(join(folder, "none.csv"))).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND,
      message: expect.stringContaining("does not exist"),
    });
    execFileSync("mkfifo", [join(folder, "pipe.csv")]);
    await expect(readBoundedFile(join(folder, "pipe.csv"))).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND,
      message: expect.stringContaining("not a regular file"),
    });
  });
});

describe("folder sources", () => {
  it("lists matching regular files by name, skipping sub-folders and special files", async () => {
    const dir = join(folder, "texts");
    await mkdir(join(dir, "nested.md"), { recursive: true });
    await writeFile(join(dir, "b.md"), "b");
    await writeFile(join(dir, "a.TXT"), "a");
    await writeFile(join(dir, "c.pdf"), "c");
    expect(await listFolderFiles(dir, [".md", ".txt"])).toEqual([join(dir, "a.TXT"), join(dir, "b.md")]);
    await expect(listFolderFiles(join(folder, "missing"), [".md"])).rejects.toMatchObject({ code: ErrorCodes.NOT_FOUND });
    await expect(listFolderFiles(dir, [".csv"])).rejects.toMatchObject({ code: ErrorCodes.NOT_FOUND });
  });

  it("parses flat front matter and rejects what is not key: value, or never closed", () => {
    expect(parseFrontMatter("---\ntitle: 'A: B'\ncount: 3\nflag: true\nempty:\n---\nbody", "f.md")).toEqual({
      fields: { title: "A: B", count: 3, flag: true, empty: null },
      body: "body",
    });
    expect(parseFrontMatter("no front matter", "f.md")).toEqual({ fields: {}, body: "no front matter" });
    expect(() => parseFrontMatter("---\n- a list item\n---\n", "f.md")).toThrow(/f\.md:2: .*key: value/);
    expect(() => parseFrontMatter("---\ntitle: x\n", "f.md")).toThrow(/not closed/);
  });
});
