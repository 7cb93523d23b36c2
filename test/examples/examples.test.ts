import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTRACTIVE_ANSWER_LABEL } from "../../src/answer/extractive-answerer.js";
import { parseRagPrompt } from "../../src/answer/rag-prompt.js";
import { TECHNIQUES } from "../../src/config/retriever-config.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { startMockOpenAIServer, type MockOpenAIServer, type RecordedRequest } from "../support/mock-openai-server.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";
import { EXAMPLES_DIRECTORY, runExample } from "./run-example.js";

// Every example script runs as its own process, as a user would run it: offline (the extractive
// answerer, real local embeddings) and against a mock OpenAI server (ChatOpenAI + OpenAI embeddings).
const sample = join(REPOSITORY_ROOT, "data", "sample");
// index-your-csv (bring your own data) has its own test: it does not build a RAG chain over the reviews.
const examples = readdirSync(EXAMPLES_DIRECTORY)
  .filter((file) => file.endsWith(".ts") && file !== "index-your-csv.ts")
  .map((file) => file.slice(0, -3))
  .sort();
/** An example named after a technique runs only once the configuration can build that technique. */
const runnable = (name: string) => name === "compare-all" || (TECHNIQUES as readonly string[]).includes(name);
const MOCK_ANSWER = "MOCK-ANSWER: the reviewers mostly liked it.";

let offlineCwd: string;
let mockCwd: string;
let server: MockOpenAIServer;
let reviewTextById: Map<string, string>;

beforeAll(async () => {
  // One working folder per mode, shared by its runs: the embedding cache and saved indexes are reused.
  offlineCwd = await mkdtemp(join(tmpdir(), "retrievers-examples-offline-"));
  mockCwd = await mkdtemp(join(tmpdir(), "retrievers-examples-mock-"));
  // RAG prompts get the scripted answer; other chat calls (the self-query constructor) get a reply it cannot use, so it falls back to its rules.
  server = await startMockOpenAIServer({
    defaultChatReply: (request) => (isRagPrompt(request) ? { content: MOCK_ANSWER } : { content: "not json" }),
  });
  const reviews = await loadJohnWickReviews(sample);
  reviewTextById = new Map(reviews.map((review) => [review.id!, review.pageContent.replace(/\s+/g, " ").trim()]));
});

afterAll(async () => {
  await server?.close();
  await rm(offlineCwd, { recursive: true, force: true });
  await rm(mockCwd, { recursive: true, force: true });
});

/** A chat request carrying the RAG prompt (Query: ... Context: [id] ...). */
function isRagPrompt(request: RecordedRequest): boolean {
  const text = promptText(request);
  return request.route === "chat" && /\nQuery:\n/.test(text) && parseRagPrompt(text).passages.length > 0;
}

function promptText(request: RecordedRequest): string {
  const messages = (request.body?.messages ?? []) as Array<{ content?: unknown }>;
  return messages
    .map((message) => (typeof message.content === "string" ? message.content : JSON.stringify(message.content ?? "")))
    .join("\n");
}

describe("examples", () => {
  it("has one example per technique plus compare-all", () => {
    expect(examples).toEqual(expect.arrayContaining(["naive", "parent-document", "self-query", "rerank", "hybrid", "compare-all"]));
  });

  for (const name of examples) {
    const test = runnable(name) ? it : it.skip; // skipped: technique not in TECHNIQUES yet

    test(`${name} answers offline with the labeled extractive answerer citing review ids`, async () => {
      const run = await runExample(name, { cwd: offlineCwd, env: { RETRIEVERS_DATA: sample } });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(EXTRACTIVE_ANSWER_LABEL);
      const cited = [...run.stdout.matchAll(/" \((jw\d+-\d+)\)$/gm)].map((match) => match[1]!);
      expect(cited.length).toBeGreaterThan(0);
      for (const id of cited) expect(reviewTextById.has(id)).toBe(true);
    }, 120_000);

    test(`${name} sends the retrieved reviews to ChatOpenAI when OPENAI_BASE_URL is set`, async () => {
      server.reset();
      const run = await runExample(name, {
        cwd: mockCwd,
        env: { RETRIEVERS_DATA: sample, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "test-key" },
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(MOCK_ANSWER);
      expect(run.stdout).not.toContain(EXTRACTIVE_ANSWER_LABEL);
      const ragRequests = server.requests.filter(isRagPrompt);
      expect(ragRequests.length).toBeGreaterThan(0);
      for (const request of ragRequests) {
        const { question, passages } = parseRagPrompt(promptText(request));
        expect(question.length).toBeGreaterThan(0);
        // The prompt carries the retrieved reviews' real text under their ids.
        for (const passage of passages) expect(passage.text).toBe(reviewTextById.get(passage.id));
      }
    }, 120_000);
  }
});
