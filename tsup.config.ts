import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    // One subpath export per optional adapter (see package.json "exports").
    openai: "src/adapters/openai.ts",
    cohere: "src/adapters/cohere.ts",
    chroma: "src/adapters/chroma.ts",
    config: "src/adapters/config.ts",
    "cli/main": "src/cli/main.ts",
    // Worker thread entry of LocalEmbeddings, found at run time next to the bundle (dist/embeddings/).
    "embeddings/embedding-worker": "src/embeddings/local/embedding-worker.ts",
  },
  format: ["esm", "cjs"],
  // Type declarations for the library entries only (the CLI and the worker are not imported by users).
  dts: {
    entry: {
      index: "src/index.ts",
      openai: "src/adapters/openai.ts",
      cohere: "src/adapters/cohere.ts",
      chroma: "src/adapters/chroma.ts",
      config: "src/adapters/config.ts",
    },
  },
  sourcemap: true,
  clean: true,
  target: "node20",
  splitting: true,
  shims: true,
});
