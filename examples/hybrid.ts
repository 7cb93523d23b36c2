/**
 * Hybrid retriever: BM25 keyword search and dense search, fused with weighted reciprocal rank fusion,
 * in the reference's LCEL RAG chain. Run: npx tsx examples/hybrid.ts [--data DIR] ["question"]
 */
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableParallel, RunnablePassthrough } from "@langchain/core/runnables";
import {
  buildRetriever,
  createChatModel,
  ExtractiveAnswerer,
  formatDocumentsForPrompt,
  RAG_PROMPT_TEMPLATE,
} from "../src/adapters/config.js";
import { exampleArguments, GENERAL_QUESTION } from "./shared/example-arguments.js";

const { question, data, dataset } = exampleArguments(GENERAL_QUESTION);

// Retrieval: the configuration builds the technique by name (data loading, embeddings, saved indexes).
const built = await buildRetriever({ technique: "hybrid", k: 10, data, dataset });
try {
  const hybridRetriever = built.retriever;

  // Augmented: the reference's prompt; the context lists the reviews with their ids.
  const ragPrompt = ChatPromptTemplate.fromTemplate(RAG_PROMPT_TEMPLATE);

  // Generation: ChatOpenAI when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the offline
  // extractive answerer (not an LLM: it quotes the most relevant sentences with their review ids).
  const chatModel = createChatModel() ?? new ExtractiveAnswerer({ embeddings: built.embeddings });

  const setupAndRetrieval = RunnableParallel.from({
    question: new RunnablePassthrough(),
    context: hybridRetriever.pipe(formatDocumentsForPrompt),
  });
  const outputParser = new StringOutputParser();
  const hybridRetrievalChain = setupAndRetrieval.pipe(ragPrompt).pipe(chatModel).pipe(outputParser);

  console.log(`hybrid · ${question}\n`);
  console.log(await hybridRetrievalChain.invoke(question));
} finally {
  await built.close();
}
