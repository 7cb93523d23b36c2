import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod/v4";

/** zod schema of an options field holding LangChain embeddings (anything with embedDocuments and embedQuery). */
export const embeddingsOptionSchema = z.custom<EmbeddingsInterface>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as EmbeddingsInterface).embedDocuments === "function" &&
    typeof (value as EmbeddingsInterface).embedQuery === "function",
  "must be LangChain Embeddings (embedDocuments and embedQuery)",
);
