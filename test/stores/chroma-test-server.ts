import { inject } from "vitest";

/**
 * The URL of the Chroma server started by test/setup/chroma-global-setup.ts (or CHROMA_URL). When it
 * could not be started this THROWS, so every Chroma test fails with the reason instead of being
 * skipped: CI runs on the same machine image and must exercise Chroma.
 */
export function chromaTestUrl(): string {
  const url = inject("chromaUrl");
  if (typeof url === "string" && url !== "") return url;
  throw new Error(
    `no Chroma server for the Chroma tests: the test setup could not start one (${inject("chromaStartError") ?? "unknown reason"}). ` +
      "Check that the chromadb package and its native bindings are installed (`npx chroma run` must work), or set CHROMA_URL to a running server.",
  );
}

let collectionCounter = 0;

/** A collection name no other test (or earlier run against the same CHROMA_URL) uses. */
export function uniqueCollectionName(label: string): string {
  collectionCounter += 1;
  const cleaned = label.replace(/[^a-zA-Z0-9_-]+/g, "-").slice(0, 40);
  return `test-${cleaned}-${process.pid}-${Date.now().toString(36)}-${collectionCounter}`;
}
