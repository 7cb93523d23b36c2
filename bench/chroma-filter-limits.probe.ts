/**
 * Measures how large a `where` clause (and an id list) a real Chroma server takes, to choose the
 * filter planner's limits (src/stores/chroma/chroma-filter-plan.ts, CHROMA_FILTER_LIMITS).
 *
 *   npx tsx bench/chroma-filter-limits.probe.ts            (starts its own server, stops it at the end)
 *   npx tsx bench/chroma-filter-limits.probe.ts --sizes 500,1000,2000
 *
 * For each shape (`$or` of `$eq`, `$in` of integers / strings, `$nin`, `$and` of `$ne`, a query with
 * `ids`, a get with `ids`) and size it sends the request REPEATS times straight to Chroma (raw HTTP, no
 * retries) and prints ok / the HTTP status and message / "server died". A dead server is restarted
 * (and the collection refilled) before the next size.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChromaServer, type ChromaServer } from "../src/stores/chroma/chroma-server.js";

const DOCUMENTS = 2_000;
const DIMENSION = 8;
const REPEATS = 3;
const DEFAULT_SIZES = [100, 250, 500, 750, 998, 999, 1_000, 2_000, 5_000, 10_000, 20_000];
const API = "/api/v2/tenants/default_tenant/databases/default_database/collections";

type Shape = { name: string; request: (size: number) => { path: "query" | "get"; body: Record<string, unknown> } };

const vector = (index: number) => Array.from({ length: DIMENSION }, (_, position) => Math.sin(index * 7 + position) + 1.5);
const query = (extra: Record<string, unknown>) => ({
  path: "query" as const,
  body: { query_embeddings: [vector(1)], n_results: 10, include: ["distances"], ...extra },
});

const SHAPES: Shape[] = [
  {
    name: "$or of $eq (query where)",
    request: (size) => query({ where: { $or: Array.from({ length: size }, (_, index) => ({ n: { $eq: index } })) } }),
  },
  {
    name: "$and of $ne (query where)",
    request: (size) => query({ where: { $and: Array.from({ length: size }, (_, index) => ({ n: { $ne: index } })) } }),
  },
  {
    name: "$in of integers (query where)",
    request: (size) => query({ where: { n: { $in: Array.from({ length: size }, (_, index) => index) } } }),
  },
  {
    name: "$in of strings (query where)",
    request: (size) => query({ where: { id: { $in: Array.from({ length: size }, (_, index) => `d${index}`) } } }),
  },
  {
    name: "$nin of integers (query where)",
    request: (size) => query({ where: { n: { $nin: Array.from({ length: size }, (_, index) => index) } } }),
  },
  {
    name: "$in of integers (get where)",
    request: (size) => ({
      path: "get",
      body: { where: { n: { $in: Array.from({ length: size }, (_, index) => index) } }, include: [], limit: 100 },
    }),
  },
  { name: "query ids", request: (size) => query({ ids: Array.from({ length: size }, (_, index) => `d${index}`) }) },
  {
    name: "get ids",
    request: (size) => ({ path: "get", body: { ids: Array.from({ length: size }, (_, index) => `d${index}`), include: [] } }),
  },
];

async function main(): Promise<void> {
  const sizesFlag = process.argv.indexOf("--sizes");
  const sizes = sizesFlag >= 0 ? (process.argv[sizesFlag + 1] ?? "").split(",").map(Number) : DEFAULT_SIZES;
  const folder = await mkdtemp(join(tmpdir(), "chroma-limits-"));
  let server: ChromaServer | undefined;
  let collectionId = "";
  const start = async () => {
    await server?.stop();
    server = await startChromaServer({ path: await mkdtemp(join(folder, "data-")), port: 0 });
    collectionId = await createCollection(server.url);
  };
  try {
    await start();
    for (const shape of SHAPES) {
      console.log(`\n${shape.name}`);
      for (const size of sizes) {
        const outcomes: string[] = [];
        for (let repeat = 0; repeat < REPEATS; repeat += 1) {
          const { path, body } = shape.request(size);
          const started = performance.now();
          const outcome = await send(`${(server as ChromaServer).url}${API}/${collectionId}/${path}`, body);
          const milliseconds = Math.round(performance.now() - started);
          if (outcome === "connection failed" || !(await alive((server as ChromaServer).url))) {
            outcomes.push(`SERVER DIED (${outcome})`);
            await start();
            break;
          }
          outcomes.push(`${outcome} ${milliseconds}ms`);
        }
        console.log(`  ${String(size).padStart(6)}: ${outcomes.join(" | ")}`);
      }
    }
  } finally {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

async function createCollection(url: string): Promise<string> {
  const created = (await (
    await fetch(`${url}${API}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "limits", configuration: { hnsw: { space: "cosine" } } }),
    })
  ).json()) as { id: string };
  for (let start = 0; start < DOCUMENTS; start += 1_000) {
    const indexes = Array.from({ length: Math.min(1_000, DOCUMENTS - start) }, (_, offset) => start + offset);
    const answer = await fetch(`${url}${API}/${created.id}/upsert`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ids: indexes.map((index) => `d${index}`),
        embeddings: indexes.map(vector),
        metadatas: indexes.map((index) => ({ n: index, id: `d${index}` })),
        documents: indexes.map((index) => `document ${index}`),
      }),
    });
    if (!answer.ok) throw new Error(`upsert failed: ${answer.status} ${await answer.text()}`);
  }
  return created.id;
}

async function send(url: string, body: Record<string, unknown>): Promise<string> {
  try {
    const answer = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await answer.text();
    return answer.ok ? "ok" : `HTTP ${answer.status} ${text.slice(0, 80)}`;
  } catch (error) {
    return (error as Error).name === "TimeoutError" ? "no answer in 60 s" : "connection failed";
  }
}

async function alive(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      if ((await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(2_000) })).ok) return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return false;
}

await main();
