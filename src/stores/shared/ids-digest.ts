import { createHash } from "node:crypto";

/**
 * A digest of a set of document ids (SHA-256, hex), independent of their order: saved with an index
 * so that loading can verify the file holds exactly the documents it is expected to hold. Duplicates
 * count once.
 */
export function documentIdsDigest(ids: Iterable<string>): string {
  // The default sort compares UTF-16 code units: the same order on every machine.
  const sorted = [...new Set(ids)].sort();
  const hash = createHash("sha256");
  const batch: string[] = [];
  for (const id of sorted) {
    // JSON quoting makes the encoding unambiguous (an id may contain newlines).
    batch.push(JSON.stringify(id));
    if (batch.length === 4_096) {
      hash.update(`${batch.join("\n")}\n`, "utf8");
      batch.length = 0;
    }
  }
  if (batch.length > 0) hash.update(`${batch.join("\n")}\n`, "utf8");
  return hash.digest("hex");
}
