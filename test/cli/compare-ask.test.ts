import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTRACTIVE_ANSWER_LABEL } from "../../src/answer/extractive-answerer.js";
import { parseRagPrompt } from "../../src/answer/rag-prompt.js";
import { TECHNIQUES } from "../../src/config/retriever-config.js";
import { startMockOpenAIServer, type MockOpenAIServer, type RecordedRequest } from "../support/mock-openai-server.js";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";

// End-to-end: the real CLI on the bundled sample, offline (local embeddings) and against a mock OpenAI server.
const sample = join(REPOSITORY_ROOT, "data", "sample");
const MOCK_ANSWER = "MOCK-ANSWER from the chat model.";
let cwd: string;
let mockCwd: string;
let server: MockOpenAIServer;

interface CompareJson {
  question: string;
  k: number;
  data: { documents: number };
  techniques: Array<{
    technique: string;
    latencyMs: number;
    buildMs: number;
    results: Array<{ id: string; score: number; stage: string }>;
    error?: unknown;
  }>;
}

function chatText(request: RecordedRequest): string {
  return ((request.body?.messages ?? []) as Array<{ content?: unknown }>).map((message) => String(message.content ?? "")).join("\n");
}

/** A request carrying the RAG prompt (Query: ... Context: [id] ...). */
function isRagPrompt(request: RecordedRequest): boolean {
  const text = chatText(request);
  return request.route === "chat" && /\nQuery:\n/.test(text) && parseRagPrompt(text).passages.length > 0;
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-compare-"));
  mockCwd = await mkdtemp(join(tmpdir(), "retrievers-compare-mock-"));
  server = await startMockOpenAIServer({
    defaultChatReply: (request) => {
      // The LLM reranker (listwise, JSON schema output): rank the third candidate first, then the first.
      if (chatText(request).includes("Rank the documents")) return { json: { ranking: ["d3", "d1"] } };
      if (isRagPrompt(request)) return { content: MOCK_ANSWER };
      return { content: "not json" };
    },
  });
});
afterAll(async () => {
  await server?.close();
  await rm(cwd, { recursive: true, force: true });
  await rm(mockCwd, { recursive: true, force: true });
});

describe("retrievers compare", () => {
  it("runs every technique on the question, with latencies, as JSON", async () => {
    const run = await runCli(["compare", "--k", "3", "--json", "--data", sample, "Did people generally like John Wick?"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CompareJson;
    expect(report.k).toBe(3);
    expect(report.data.documents).toBe(49);
    expect(report.techniques.map((entry) => entry.technique)).toEqual([...TECHNIQUES]);
    for (const entry of report.techniques) {
      expect(entry.error).toBeUndefined();
      expect(entry.results).toHaveLength(3);
      expect(entry.results.every((result) => /^jw[1-4]-\d+$/.test(result.id))).toBe(true);
      expect(entry.latencyMs).toBeGreaterThanOrEqual(0);
      expect(entry.buildMs).toBeGreaterThanOrEqual(0);
    }
    const stages = Object.fromEntries(report.techniques.map((entry) => [entry.technique, entry.results[0]!.stage]));
    expect(stages).toMatchObject({ naive: "dense", hybrid: "hybrid", rerank: "rerank" });
  });

  it("prints the top ids side by side and one table per chosen technique", async () => {
    const run = await runCli(["compare", "--techniques", "naive,hybrid", "--k", "2", "--data", sample, "fight choreography"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/#\s+naive\s+hybrid/);
    expect(run.stdout).toMatch(/== naive · [\d.]+ ms .*==/);
    expect(run.stdout).toMatch(/== hybrid · [\d.]+ ms .*==/);
    expect(run.stdout).not.toContain("== rerank");
    expect(run.stdout.match(/#\s+id\s+score\s+film\s+rating\s+text/g)).toHaveLength(2);
  });
  // Usage errors (unknown --techniques, --technique): in-process, test/cli/unit/main.test.ts.
});

describe("retrievers ask", () => {
  it("answers offline with the extractive answerer and lists the context ids", async () => {
    const run = await runCli(
      [
        "ask",
        "--technique",
        "self-query",
        "--data",
        sample,
        "--json",
        "Make a summary of the reviews that talk about John Wick 3 and have a score higher than 7",
      ],
      { cwd },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      answer: string;
      model: string;
      isLanguageModel: boolean;
      context: Array<{ id: string; display: { film: string; rating: string } }>;
    };
    expect(report.isLanguageModel).toBe(false);
    expect(report.answer.startsWith(EXTRACTIVE_ANSWER_LABEL)).toBe(true);
    expect(report.context.length).toBeGreaterThan(0);
    expect(report.context.every(({ display }) => display.film === "3" && Number(display.rating) > 7)).toBe(true);
    const cited = [...report.answer.matchAll(/" \((jw\d+-\d+)\)$/gm)].map((match) => match[1]!);
    expect(cited.length).toBeGreaterThan(0);
    const contextIds = new Set(report.context.map(({ id }) => id));
    for (const id of cited) expect(contextIds.has(id)).toBe(true);
  });

  it("prints the answer, the model and the context ids as text", async () => {
    const run = await runCli(["ask", "-t", "naive", "--k", "3", "--data", sample, "Did people generally like John Wick?"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(EXTRACTIVE_ANSWER_LABEL)).toBe(true);
    expect(run.stdout).toMatch(/^model: extractive answerer \(offline, not an LLM/m);
    expect(run.stdout).toMatch(/^context \(naive, 3 documents\): jw\d-\d+, jw\d-\d+, jw\d-\d+$/m);
  });

  it("answers with ChatOpenAI when OPENAI_BASE_URL is set", async () => {
    server.reset();
    const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "test-key" };
    const run = await runCli(["ask", "-t", "hybrid", "--k", "2", "--data", sample, "Did people generally like John Wick?"], {
      cwd: mockCwd,
      env,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(MOCK_ANSWER)).toBe(true);
    expect(run.stdout).toContain("model: openai:gpt-4o-mini");
    const rag = server.requests.filter(isRagPrompt);
    expect(rag).toHaveLength(1);
    expect(parseRagPrompt(chatText(rag[0]!)).passages).toHaveLength(2);
  });

  it("--llm openai without a key or URL fails with a clear error; a failing chat service names the service", async () => {
    const noKey = await runCli(["ask", "--llm", "openai", "--data", sample, "x"], { cwd });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('option "createChatModel.apiKey"');

    server.reset();
    server.enqueue(...Array.from({ length: 3 }, () => ({ route: "chat" as const, status: 401 })));
    const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "sk-secret-test-key-123" };
    const failing = await runCli(["ask", "-t", "naive", "--data", sample, "Did people generally like John Wick?"], { cwd: mockCwd, env });
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/^advanced-retrievers: OpenAI chat failed with HTTP 401/);
    expect(failing.stderr).not.toContain("sk-secret-test-key-123");
  });
});

describe("--config FILE", () => {
  it("builds the technique from the file, flags override its values", async () => {
    const file = join(cwd, "hybrid.json");
    await writeFile(file, JSON.stringify({ technique: "hybrid", k: 2, data: sample, hybrid: { fusion: "score" } }));
    const fromFile = await runCli(["query", "--config", file, "--json", "keanu"], { cwd });
    expect(fromFile.stderr).toBe("");
    const { results } = JSON.parse(fromFile.stdout) as { results: Array<{ stage: string }> };
    expect(results).toHaveLength(2);
    expect(results.every((result) => result.stage === "hybrid")).toBe(true);
    const overridden = (
      JSON.parse((await runCli(["query", "--config", file, "--k", "4", "-t", "naive", "--json", "keanu"], { cwd })).stdout) as {
        results: Array<{ stage: string }>;
      }
    ).results;
    expect(overridden).toHaveLength(4);
    expect(overridden.every((result) => result.stage === "dense")).toBe(true);
  });

  it("rerank.reranker llm reranks with the chat model (mock server)", async () => {
    const file = join(mockCwd, "rerank-llm.json");
    await writeFile(file, JSON.stringify({ technique: "rerank", k: 2, data: sample, rerank: { reranker: "llm", candidates: 5 } }));
    server.reset();
    const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "test-key" };
    const reranked = await runCli(["query", "--config", file, "--json", "keanu"], { cwd: mockCwd, env });
    expect(reranked.stderr).toBe("");
    const { results } = JSON.parse(reranked.stdout) as {
      results: Array<{ stage: string; details: { originalRank: number; reranker: string } }>;
    };
    // The scripted ranking ["d3", "d1"]: the third candidate first, then the first.
    expect(results.map((result) => result.details.originalRank)).toEqual([3, 1]);
    expect(results[0]!.details.reranker).toMatch(/^llm-listwise/);
    expect(results.every((result) => result.stage === "rerank")).toBe(true);
    expect(server.requests.some((request) => request.route === "chat" && chatText(request).includes("Rank the documents"))).toBe(true);
  });

  it("rerank.reranker llm without a chat model names the field", async () => {
    const file = join(cwd, "rerank-llm-offline.json");
    await writeFile(file, JSON.stringify({ technique: "rerank", llm: "none", data: sample, rerank: { reranker: "llm" } }));
    const run = await runCli(["query", "--config", file, "keanu"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('option "config.rerank.reranker"');
  });

  it("invalid files exit 1 naming the file, the field and the allowed values", async () => {
    const broken = join(cwd, "broken.json");
    await writeFile(broken, '{\n  "technique": "naive",\n  "k": 3,,\n}\n');
    const invalidJson = await runCli(["query", "--config", broken, "x"], { cwd });
    expect(invalidJson.code).toBe(1);
    expect(invalidJson.stderr).toContain(`${broken}:3`);

    const badEnum = join(cwd, "bad-enum.json");
    await writeFile(badEnum, JSON.stringify({ rerank: { reranker: "magic" } }, null, 2));
    const enumRun = await runCli(["query", "--config", badEnum, "x"], { cwd });
    expect(enumRun.code).toBe(1);
    expect(enumRun.stderr).toContain('option "rerank.reranker" = "magic"');
    expect(enumRun.stderr).toContain(badEnum);
    for (const value of ["local", "cohere", "llm", "auto"]) expect(enumRun.stderr).toContain(`"${value}"`);
  });
});
