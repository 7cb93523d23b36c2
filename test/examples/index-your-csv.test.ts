import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_DIRECTORY, runExample } from "./run-example.js";

// The "bring your own data" example: a CSV the test writes, indexed with nothing but its path.
let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-example-csv-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("examples/index-your-csv.ts", () => {
  it("is under 20 lines of code (comments and blank lines aside)", async () => {
    const source = await readFile(join(EXAMPLES_DIRECTORY, "index-your-csv.ts"), "utf8");
    const code = source
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.trim().startsWith("//"));
    expect(code.length).toBeGreaterThan(5);
    expect(code.length).toBeLessThan(20);
  });

  it("indexes a user's CSV and self-queries it on its own columns", async () => {
    const csv = join(cwd, "cars.csv");
    const cars = [
      ["c1", "A small electric hatchback with a quiet motor, quick charging and room for four in the city.", "electric", "2021", "true"],
      ["c2", "A diesel estate with a huge boot, towing hitch and long range for motorway trips.", "diesel", "2016", "false"],
      ["c3", "An electric SUV with all-wheel drive, a panoramic roof and a range of 450 km.", "electric", "2023", "true"],
      ["c4", "A petrol roadster with a folding roof, light steering and a manual gearbox for weekend drives.", "petrol", "2019", "false"],
      ["c5", "A petrol city car that is cheap to insure, easy to park and frugal on short trips.", "petrol", "2018", "true"],
    ];
    await writeFile(
      csv,
      `id,description,fuel,year,warranty\n${cars.map((row) => row.map((cell) => (cell.includes(",") ? `"${cell}"` : cell)).join(",")).join("\n")}\n`,
    );
    const run = await runExample("index-your-csv", { cwd, args: [csv, "electric cars for the city"] });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`5 documents from ${csv}`);
    const ids = [...run.stdout.matchAll(/^\d\.\d{3}\s+(c\d)\s+(\{.*\})$/gm)].map(
      (match) => [match[1], JSON.parse(match[2]!) as { fuel: string }] as const,
    );
    expect(ids.map(([id]) => id).sort()).toEqual(["c1", "c3"]);
    expect(ids.every(([, metadata]) => metadata.fuel === "electric")).toBe(true);
  }, 120_000);
});
