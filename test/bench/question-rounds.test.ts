import { cpSync, mkdtempSync, appendFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkRound } from "../../bench/self-query/check-round.js";
import { QUESTION_ROUNDS } from "../../bench/self-query/rounds.js";

const planned = QUESTION_ROUNDS.filter((round) => round.perKind !== undefined);
const questions = resolve(import.meta.dirname, "../../bench/self-query/questions");

describe("self-query bench rounds: every gold filter fits its schema", () => {
  it("covers the blind rounds 5 to 12", () => {
    expect(planned.map((round) => round.folder)).toEqual([
      "held-out-5",
      "held-out-6",
      "held-out-7",
      "held-out-8",
      "held-out-8-new",
      "held-out-9",
      "held-out-9-new",
      "held-out-10",
      "held-out-10-new",
      "held-out-11",
      "held-out-11-new-a",
      "held-out-11-new-b",
      "held-out-12",
      "held-out-12-new-a",
      "held-out-12-new-b",
    ]);
  });

  it.each(planned.map((round) => [round.folder, round] as const))("%s: no problem, every file counted", (_folder, round) => {
    const check = checkRound(round);
    expect(check.problems).toEqual([]);
    expect(check.summary).toHaveLength(round.domains().length);
  });

  const scratch = mkdtempSync(join(tmpdir(), "question-rounds-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("names the file, line and fix of a bad gold filter, a wrong id and a wrong count", () => {
    const round = QUESTION_ROUNDS.find((candidate) => candidate.folder === "held-out-7");
    expect(round).toBeDefined();
    if (round === undefined) return;
    cpSync(join(questions, round.folder), join(scratch, round.folder), { recursive: true });
    appendFileSync(
      join(scratch, round.folder, "john-wick.jsonl"),
      `${JSON.stringify({ id: "jw-h6-f11", kind: "filtered", question: "x", filter: { Rating: 11 } })}\n`,
    );
    const { problems } = checkRound(round, scratch);
    expect(problems).toEqual([
      "held-out-7/john-wick.jsonl:31: id jw-h6-f11 does not match xx-h7-fNN (round 7, kind filtered)",
      "held-out-7/john-wick.jsonl:31: 11 is above Rating's maximum 10",
      "held-out-7/john-wick.jsonl: 11 filtered questions, expected 10",
    ]);
  });
});
