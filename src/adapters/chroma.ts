/**
 * `advanced-retrievers/chroma`: the Chroma store and the local server lifecycle. `chromadb` is imported
 * lazily on first use, with an install hint when it is missing.
 */
export * from "../stores/chroma/index.js";
