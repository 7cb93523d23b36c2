import { describe, expect, it } from "vitest";
import { createProgressReporter, PLAIN_PROGRESS_EVERY } from "./progress.js";

function record(isTTY: boolean) {
  const writes: string[] = [];
  const reporter = createProgressReporter({ isTTY, write: (text: string) => writes.push(text) });
  reporter.onProgress({ type: "build", technique: "naive", techniqueIndex: 0, techniqueCount: 2 });
  for (let queryIndex = 0; queryIndex < 20; queryIndex += 1) {
    reporter.onProgress({ type: "query", technique: "naive", techniqueIndex: 0, techniqueCount: 2, queryIndex, queryCount: 20 });
  }
  reporter.onProgress({ type: "technique-done", technique: "naive", techniqueIndex: 0, techniqueCount: 2, failed: false });
  reporter.finish();
  return writes;
}

describe("createProgressReporter", () => {
  it("redraws one line on a terminal", () => {
    const writes = record(true);
    expect(writes.filter((text) => text.includes("naive query")).length).toBe(20);
    expect(writes.every((text) => !text.includes("query") || text.startsWith("\r"))).toBe(true);
    expect(writes.find((text) => text.includes("query 10/20"))).toContain("[############------------]");
    expect(writes.at(-1)).toBe("bench: naive done (technique 1/2)\n");
  });

  it("prints plain lines, every few queries, elsewhere", () => {
    const writes = record(false);
    expect(writes.join("")).not.toContain("\r");
    expect(writes).toEqual([
      "bench: building naive (technique 1/2)\n",
      ...Array.from({ length: 20 / PLAIN_PROGRESS_EVERY }, (_, index) => `bench: naive query ${(index + 1) * PLAIN_PROGRESS_EVERY}/20\n`),
      "bench: naive done (technique 1/2)\n",
    ]);
  });
});
