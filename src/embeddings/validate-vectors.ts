import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";

/** What `validateVectors` checks besides finiteness. */
export interface ValidateVectorsOptions {
  /** Who produced the vectors, for the message, e.g. "OpenAI embeddings". */
  source: string;
  /** How many vectors there must be (one per input text). */
  expectedCount: number;
  /** The length every vector must have. @default the length of the first vector (all must agree) */
  dimensions?: number;
}

/**
 * Checks embeddings before anyone stores or compares them: one vector per text, all of the same
 * length (and of `dimensions` when given), every component a finite number. Throws `INVALID_VECTOR`
 * otherwise. Returns the vectors as plain `number[]` arrays (typed arrays are converted).
 */
export function validateVectors(vectors: unknown, { source, expectedCount, dimensions }: ValidateVectorsOptions): number[][] {
  if (!Array.isArray(vectors)) {
    throw invalidVector(`${source} returned ${typeof vectors} instead of a list of vectors`);
  }
  if (vectors.length !== expectedCount) {
    throw invalidVector(`${source} returned ${vectors.length} vectors for ${expectedCount} texts; every text needs exactly one vector`);
  }
  let expectedDimensions = dimensions;
  const result: number[][] = [];
  for (let index = 0; index < vectors.length; index += 1) {
    const vector: unknown = vectors[index];
    result.push(validateVector(vector, { source, dimensions: expectedDimensions, index }));
    expectedDimensions ??= result[index]!.length;
  }
  return result;
}

/** Checks one vector (see `validateVectors`). `index` only serves the message. */
export function validateVector(
  vector: unknown,
  { source, dimensions, index }: { source: string; dimensions?: number | undefined; index?: number },
): number[] {
  const which = index === undefined ? "the vector" : `vector ${index}`;
  if (!Array.isArray(vector) && !(vector instanceof Float32Array) && !(vector instanceof Float64Array)) {
    throw invalidVector(`${source} returned ${describeKind(vector)} as ${which} instead of an array of numbers`);
  }
  if (vector.length === 0) {
    throw invalidVector(`${source} returned an empty ${which}; check the model name and its output`);
  }
  if (dimensions !== undefined && vector.length !== dimensions) {
    throw invalidVector(
      `${source} returned ${which} of length ${vector.length}, expected ${dimensions}; check the model and its "dimensions" setting`,
    );
  }
  for (let component = 0; component < vector.length; component += 1) {
    const value: unknown = vector[component];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw invalidVector(
        `${source} returned ${which} with ${String(value)} at position ${component}; the model output is broken, embeddings must be finite numbers`,
      );
    }
  }
  return Array.isArray(vector) ? (vector as number[]) : Array.from(vector);
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

function invalidVector(message: string): RetrieverError {
  return new RetrieverError({ code: ErrorCodes.INVALID_VECTOR, message });
}
