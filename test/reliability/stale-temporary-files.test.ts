/**
 * Temporary files left by a process killed mid-write (see save-sigkill.test.ts) are removed by the next
 * atomic write of the same file; those of running processes, and unrelated files, are left alone.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/core/io/write-file-atomic.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "stale-temporary-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The id of a process that has exited (a child that ran and ended). */
function exitedProcessId(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("writeFileAtomic and leftovers of killed writers", () => {
  it("removes the temporary files of dead processes for the same file, and only those", async () => {
    const dead = exitedProcessId();
    const alive = process.ppid;
    const leftovers = {
      deadWriter: `.index.arvs.${dead}.0123456789ab.tmp`,
      liveWriter: `.index.arvs.${alive}.0123456789ab.tmp`,
      ownProcess: `.index.arvs.${process.pid}.0123456789ab.tmp`,
      otherFile: `.other.arvs.${dead}.0123456789ab.tmp`,
      notOurs: `.index.arvs.${dead}.handmade.tmp`,
    };
    for (const name of Object.values(leftovers)) await writeFile(join(folder, name), "half written");

    await writeFileAtomic(join(folder, "index.arvs"), "new content");

    expect(await readFile(join(folder, "index.arvs"), "utf8")).toBe("new content");
    expect((await readdir(folder)).sort()).toEqual(
      ["index.arvs", leftovers.liveWriter, leftovers.ownProcess, leftovers.otherFile, leftovers.notOurs].sort(),
    );
  });
});
