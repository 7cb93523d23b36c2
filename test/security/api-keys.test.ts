/**
 * API keys never appear in errors (message, stack, causes, util.inspect, JSON), warnings, or anything
 * written to the console or stdout/stderr, even when the server echoes the key back in its answer
 * (as OpenAI does in its 401 message, and as a misconfigured proxy might in a header).
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddings } from "../../src/embeddings/create-embeddings.js";
import { createOpenAIEmbeddings } from "../../src/embeddings/openai/openai-embeddings.js";
import { createChatModel } from "../../src/llm/create-chat-model.js";
import { CohereReranker } from "../../src/rerankers/cohere-reranker.js";
import { LlmReranker } from "../../src/rerankers/llm-reranker.js";
import { LlmQueryConstructor } from "../../src/self-query/llm-query-constructor.js";
import { ChromaStore } from "../../src/stores/chroma/chroma-store.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { captureOutput, renderError } from "../support/capture-output.js";
import { startFaultServer, type FaultRequest, type FaultServer } from "../support/fault-server.js";
import { startMockOpenAIServer } from "../support/mock-openai-server.js";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";

/** Shaped like an OpenAI key, so pattern-based redaction would also catch it... */
const OPENAI_KEY = "sk-test-SECRET-1234567890";
/** ...and not shaped like one, so only redaction of the exact key catches it. */
const COHERE_KEY = "co-SECRET-abcdef1234567890";
/** A Chroma token (sent as x-chroma-token). */
const CHROMA_KEY = "ck-SECRET-0987654321fedcba";
/** The distinctive part all keys share. */
const SECRET_MARK = "SECRET-";

/** An answer that echoes the Authorization header in the body and in a header. */
function echoing(status: number) {
  return {
    kind: "respond" as const,
    status,
    headers: {},
    body: (request: FaultRequest) => {
      const credentials = `${String(request.headers.authorization)} ${String(request.headers["x-chroma-token"])}`;
      return {
        error: { message: `Incorrect API key provided: ${credentials}`, type: "invalid_request_error", code: "invalid_api_key" },
        message: `invalid api token ${credentials}`,
      };
    },
  };
}

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.reset();
});

const documents = ["fight choreography", "the dog"].map((pageContent, index) => new Document({ id: `d${index + 1}`, pageContent }));

function chatModel() {
  const model = createChatModel({ provider: "openai", apiKey: OPENAI_KEY, baseURL: `${server.url}/v1`, maxRetries: 0, timeoutMs: 5_000 });
  if (model === null) throw new Error("expected a chat model");
  return model;
}

const calls: Array<[string, string, () => Promise<unknown>]> = [
  [
    "OpenAI embeddings",
    OPENAI_KEY,
    () =>
      createOpenAIEmbeddings({ apiKey: OPENAI_KEY, baseURL: `${server.url}/v1`, maxRetries: 1, retryDelayMs: 1 }).embedDocuments([
        "a review",
      ]),
  ],
  [
    "createEmbeddings (provider openai, through the cache)",
    OPENAI_KEY,
    async () => {
      const folder = await mkdtemp(join(tmpdir(), "secrets-cache-"));
      try {
        return await createEmbeddings({
          provider: "openai",
          openai: { apiKey: OPENAI_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 },
          cacheDirectory: folder,
        }).embedQuery("a question");
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  ],
  [
    "Chroma",
    CHROMA_KEY,
    () =>
      new ChromaStore(new FakeEmbeddings(8), {
        url: server.url,
        apiKey: CHROMA_KEY,
        collectionName: "secret-test",
        maxRetries: 1,
        timeoutMs: 2_000,
      }).count(),
  ],
  [
    "Cohere rerank",
    COHERE_KEY,
    () =>
      new CohereReranker({ apiKey: COHERE_KEY, baseUrl: server.url, maxRetries: 1, initialRetryDelayMs: 1 }).rerank("fights", documents),
  ],
  ["OpenAI chat (LLM reranker)", OPENAI_KEY, () => new LlmReranker({ model: chatModel(), strict: true }).rerank("fights", documents)],
  [
    "OpenAI chat (LLM query constructor, no fallback)",
    OPENAI_KEY,
    () =>
      new LlmQueryConstructor({ attributes: johnWickAttributes(), model: chatModel(), fallback: null }).construct("reviews of chapter 2"),
  ],
  [
    "OpenAI chat (LLM query constructor, warnings of the fallback)",
    OPENAI_KEY,
    async () => {
      const constructed = await new LlmQueryConstructor({ attributes: johnWickAttributes(), model: chatModel() }).construct(
        "reviews of chapter 2",
      );
      // Resolves (the rules answer); the warnings are what a user would see.
      throw new Error(constructed.warnings.join("\n"));
    },
  ],
];

describe.each([401, 403, 429, 500])("a server answering %i and echoing the key", (status) => {
  it.each(calls)("%s: the key is in no error, cause, warning or log line", async (_name, key, call) => {
    server.setFallback(echoing(status));
    const { error, output } = await captureOutput(call);
    expect(error).toBeDefined();
    // The server did receive the key and echo it, so there was something to leak.
    expect(server.requests.length).toBeGreaterThan(0);
    const sent = server.requests[0]!.headers;
    expect(`${String(sent.authorization)} ${String(sent["x-chroma-token"])}`).toContain(key);
    const rendered = renderError(error);
    expect(rendered).not.toContain(key);
    expect(rendered).not.toContain(SECRET_MARK);
    expect(output).not.toContain(SECRET_MARK);
  });
});

describe("the CLI", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "secrets-cli-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("prints no key when the OpenAI server rejects it and echoes it back", async () => {
    server.setFallback(echoing(401));
    const run = await runCli(["query", "--technique", "naive", "--k", "3", "Which reviews praise the fights?"], {
      cwd: folder,
      env: { OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${server.url}/v1` },
    });
    expect(run.code).not.toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(`${run.stdout}\n${run.stderr}`).not.toContain(SECRET_MARK);
    expect(run.stderr).toMatch(/OpenAI/);
  });

  it("writes no key into benchmark reports (JSON, Markdown, HTML, runs) or its output, with OpenAI embeddings configured", async () => {
    const openai = await startMockOpenAIServer({ embeddingDimensions: 32 });
    try {
      const out = join(folder, "bench-out");
      const run = await runCli(
        ["bench", "--data", join(REPOSITORY_ROOT, "data", "sample"), "--techniques", "naive,hybrid", "--out", out, "--permutations", "100"],
        {
          cwd: folder,
          env: { OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL },
          timeoutMs: 120_000,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      // The key was used (so it could have leaked)...
      expect(openai.requests.some((request) => String(request.headers.authorization).includes(OPENAI_KEY))).toBe(true);
      // ...and is in none of the files written nor in the output.
      const files = await listFiles(out);
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const file of files) expect(await readFile(file, "utf8"), file).not.toContain(SECRET_MARK);
      expect(`${run.stdout}\n${run.stderr}`).not.toContain(SECRET_MARK);
    } finally {
      await openai.close();
    }
  }, 150_000);
});

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : Promise.resolve([join(folder, entry.name)]))),
  );
  return nested.flat();
}
