/**
 * A process killed with SIGKILL while it saves an index (no exit handler, no cleanup, no flush) must
 * never leave a damaged index: the file on disk is always a complete, checksummed version, either the
 * one saved before or the one being saved. The killed process's temporary file is left behind (nothing
 * can remove it at that moment) and is cleaned up by the next save of the same file.
 *
 * The child (fixtures/save-loop.ts) saves a ~17 MB index over and over (its writes slowed down a
 * little); each round kills it at a seeded random moment (0-200 ms) after a save started, which lands
 * before, during or after the write of the temporary file, then checks the file from this process.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { FakeEmbeddings, randomCorpus, seededRandom } from "../stores/fake-vectors.js";

const COUNT = 8_000;
const DIMENSION = 512;
const FIXTURE = join(import.meta.dirname, "fixtures", "save-loop.ts");
/** The child delays each file write by this much, so most random kills land while its temporary file exists. */
const WRITE_DELAY_MS = 25;
/** Rounds stop once this many kills interrupted a write in progress (a temporary file was left)... */
const WANTED_INTERRUPTED_WRITES = 2;
/** ...or after this many rounds. */
const MAX_ROUNDS = 8;

let folder: string;
let path: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "save-sigkill-"));
  path = join(folder, "index.arvs");
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Round {
  /** Generations whose save resolved in the child. */
  saved: number[];
  /** The generation whose save had started when the child was killed. */
  inProgress: number | undefined;
  signal: NodeJS.Signals | null;
}

/** Starts the save loop and SIGKILLs it `delayMs` after its `killAfterSave`-th save started. */
function runAndKill(firstGeneration: number, killAfterSave: number, delayMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    // One process (node + the tsx loader), so the signal reaches the process doing the writing.
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
      process.execPath,
      ["--import", "tsx", FIXTURE, path, String(COUNT), String(DIMENSION), String(firstGeneration), String(WRITE_DELAY_MS)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const saved: number[] = [];
    let inProgress: number | undefined;
    let started = 0;
    let pending = "";
    let stderr = "";
    let killScheduled = false;
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const [event, generation] = line.split(" ");
        if (event === "saving") {
          started += 1;
          inProgress = Number(generation);
        } else if (event === "saved") {
          saved.push(Number(generation));
          inProgress = undefined;
        }
      }
      if (!killScheduled && started >= killAfterSave) {
        killScheduled = true;
        setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const watchdog = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(watchdog);
      if (signal !== "SIGKILL") reject(new Error(`the save loop exited with ${code}: ${stderr}`));
      else resolve({ saved, inProgress, signal });
    });
  });
}

async function generationOnDisk(): Promise<number> {
  const store = await MemoryStore.load(path, new FakeEmbeddings(DIMENSION));
  expect(await store.count()).toBe(COUNT);
  const [first] = await store.listDocuments({ limit: 1 });
  return first!.metadata.generation as number;
}

describe("an index save killed with SIGKILL", () => {
  it("always leaves a loadable index holding the previous or the new version; the next save removes the dead process's temporary file", async () => {
    // The version saved before any crash.
    const { vectors, documents } = randomCorpus(7, COUNT, DIMENSION);
    documents[0]!.metadata.generation = 0;
    const initial = new MemoryStore(new FakeEmbeddings(DIMENSION));
    await initial.addVectors(vectors, documents);
    await initial.save(path);

    const random = seededRandom(20_240_601);
    let lastCompleted = 0;
    let interruptedWrites = 0;
    let rounds = 0;
    while (interruptedWrites < WANTED_INTERRUPTED_WRITES && rounds < MAX_ROUNDS) {
      const firstGeneration = (rounds + 1) * 1_000;
      // Kill after the 2nd to 4th save started: the first save has completed (and cleaned up leftovers).
      const round = await runAndKill(firstGeneration, 2 + Math.floor(random() * 3), Math.floor(random() * 200));
      rounds += 1;
      expect(round.signal).toBe("SIGKILL");
      expect(round.saved.length).toBeGreaterThanOrEqual(1);

      // The file loads (checksum verified) and is exactly the last completed version, or the one being
      // written if its rename happened just before the kill.
      const allowed = [round.saved.at(-1) ?? lastCompleted, ...(round.inProgress === undefined ? [] : [round.inProgress])];
      const onDisk = await generationOnDisk();
      expect(allowed).toContain(onDisk);
      lastCompleted = onDisk;

      // Only the killed child's own temporary file can be left; earlier children's were removed.
      const leftovers = (await readdir(folder)).filter((name) => name !== "index.arvs");
      for (const name of leftovers) expect(name).toMatch(/^\.index\.arvs\.\d+\.[0-9a-f]{12}\.tmp$/);
      expect(new Set(leftovers.map((name) => name.split(".")[3])).size).toBeLessThanOrEqual(1);
      if (leftovers.length > 0) interruptedWrites += 1;
    }
    // The kills did hit writes in progress (otherwise this test would prove little).
    expect(interruptedWrites).toBeGreaterThanOrEqual(1);

    // A save from a live process removes the dead process's leftover and replaces the index.
    const survivor = await MemoryStore.load(path, new FakeEmbeddings(DIMENSION));
    await survivor.save(path);
    expect(await readdir(folder)).toEqual(["index.arvs"]);
    expect((await stat(path)).size).toBeGreaterThan(COUNT * DIMENSION * 4);
    expect(await generationOnDisk()).toBe(lastCompleted);
  }, 180_000);
});
