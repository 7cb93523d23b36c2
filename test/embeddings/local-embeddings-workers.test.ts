import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { ServiceError } from "../../src/core/errors/service-error.js";
import { LocalEmbeddings } from "../../src/embeddings/local/local-embeddings.js";
import { workerExecArgv } from "../../src/embeddings/local/worker-script.js";

// The worker pool driven by stand-in worker scripts (no model): protocol, validation, crashes.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe("LocalEmbeddings worker pool", () => {
  it("rejects NaN vectors from a worker with INVALID_VECTOR", async () => {
    const embeddings = new LocalEmbeddings({ workers: 1, workerScript: fixture("nan-embedding-worker.ts") });
    try {
      await expect(embeddings.embedQuery("anything")).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR });
      await expect(embeddings.embedDocuments(["a", "b"])).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR });
    } finally {
      await embeddings.close();
    }
  });

  it("fails the task of a crashed worker with a ServiceError, and gives up after repeated crashes", async () => {
    const embeddings = new LocalEmbeddings({ workers: 1, workerScript: fixture("crashing-embedding-worker.ts") });
    try {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const error = await embeddings.embedQuery("boom").catch((caught: unknown) => caught);
        expect(ServiceError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR });
      }
      expect(embeddings.runningWorkers).toBe(0);
      // After three crashes in a row the pool stops starting workers and fails at once.
      await expect(embeddings.embedQuery("again")).rejects.toMatchObject({ code: ErrorCodes.SERVICE_ERROR });
      expect(embeddings.runningWorkers).toBe(0);
    } finally {
      await embeddings.close();
    }
  });

  it("falls back to the main thread, with a warning, when the worker script cannot start", async () => {
    const warnings: string[] = [];
    const embeddings = new LocalEmbeddings({
      workers: 2,
      workerScript: fixture("unstartable-embedding-worker.ts"),
      onWarning: (message) => warnings.push(message),
    });
    try {
      const vectors = await embeddings.embedDocuments(["a short text", "another short text"]);
      expect(vectors.map((vector) => vector.length)).toEqual([512, 512]);
      expect(warnings).toHaveLength(1);
      expect(embeddings.runningWorkers).toBe(0);
    } finally {
      await embeddings.close();
    }
  });
});

describe("workerExecArgv", () => {
  it("drops --input-type, which breaks workers started from a file, and keeps the rest", () => {
    expect(workerExecArgv(["--input-type=module", "--enable-source-maps"])).toEqual(["--enable-source-maps"]);
    expect(workerExecArgv(["--input-type", "module", "--import", "tsx"])).toEqual(["--import", "tsx"]);
  });
});
