/**
 * Every technique on the same reviews, the reference's two questions each, through the same LCEL RAG
 * chain (`createRagChain` builds RunnableParallel({ question, context: retriever }) | prompt | model |
 * parser). Run: npx tsx examples/compare-all.ts [--data DIR] ["question"]
 */
import { buildRetriever, createRagChain, resolveAnswerModel, TECHNIQUES } from "../src/adapters/config.js";
import { exampleArguments, FILTERED_QUESTION, GENERAL_QUESTION } from "./shared/example-arguments.js";

const { question, data, dataset } = exampleArguments("");
const questions = question === "" ? [GENERAL_QUESTION, FILTERED_QUESTION] : [question];

// One build: the techniques share the loaded reviews, the embeddings and the indexes.
const built = await buildRetriever({ technique: "naive", k: 5, data, dataset });
try {
  // ChatOpenAI when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the offline extractive answerer.
  const { model, name } = resolveAnswerModel({ embeddings: built.embeddings });
  console.log(`answers by: ${name} · ${built.documents.length} documents (${built.dataset.id} data)`);

  for (const technique of TECHNIQUES) {
    const { retriever } = await built.buildTechnique(technique);
    const chain = createRagChain({ retriever, model });
    for (const asked of questions) {
      const started = performance.now();
      const answer = await chain.invoke(asked);
      console.log(`\n== ${technique} · ${asked} (${Math.round(performance.now() - started)} ms)\n${answer}`);
    }
  }
} finally {
  await built.close();
}
