import { describe, expect, it } from "vitest";
import { CohereReranker } from "../../src/rerankers/cohere-reranker.js";
import { createReranker, resolveRerankerProvider } from "../../src/rerankers/create-reranker.js";
import { LocalReranker } from "../../src/rerankers/local-reranker.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

describe("createReranker", () => {
  it("picks Cohere only when a key is set", () => {
    expect(resolveRerankerProvider("auto", {})).toBe("local");
    expect(resolveRerankerProvider("auto", { COHERE_API_KEY: "  " })).toBe("local");
    expect(resolveRerankerProvider("auto", { COHERE_API_KEY: "key" })).toBe("cohere");
    expect(resolveRerankerProvider("local", { COHERE_API_KEY: "key" })).toBe("local");
  });

  it("builds the local reranker over the given embeddings, or Cohere on request", () => {
    const local = createReranker({ provider: "local", embeddings: new FakeEmbeddings(), local: { fusion: "rrf" } });
    expect(local).toBeInstanceOf(LocalReranker);
    expect((local as LocalReranker).fusion).toBe("rrf");
    expect((local as LocalReranker).embeddings).toBeDefined();
    const cohere = createReranker({ provider: "cohere", cohere: { apiKey: "key", baseUrl: "http://127.0.0.1:9" } });
    expect(cohere).toBeInstanceOf(CohereReranker);
    expect(cohere.name).toBe("cohere:rerank-v3.5");
  });
});
