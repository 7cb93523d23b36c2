/**
 * Contextual compression retriever (reranking): the naive retriever's top 10 are re-scored by a
 * reranker (Cohere when COHERE_API_KEY is set, else the offline local reranker) and the best 3 kept,
 * in the reference's LCEL RAG chain. Run: npx tsx examples/rerank.ts [--data DIR] ["question"]
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

// Retrieval: like the reference, CohereRerank(top_n=3) over a naive retriever with k = 10.
const built = await buildRetriever({ technique: "rerank", k: 3, rerank: { base: "naive", candidates: 10 }, data, dataset });
try {
  const compressionRetriever = built.retriever;

  // Augmented: the reference's prompt; the context lists the reviews with their ids.
  const ragPrompt = ChatPromptTemplate.fromTemplate(RAG_PROMPT_TEMPLATE);

  // Generation: ChatOpenAI when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the offline
  // extractive answerer (not an LLM: it quotes the most relevant sentences with their review ids).
  const chatModel = createChatModel() ?? new ExtractiveAnswerer({ embeddings: built.embeddings });

  const setupAndRetrieval = RunnableParallel.from({
    question: new RunnablePassthrough(),
    context: compressionRetriever.pipe(formatDocumentsForPrompt),
  });
  const outputParser = new StringOutputParser();
  const compressionRetrievalChain = setupAndRetrieval.pipe(ragPrompt).pipe(chatModel).pipe(outputParser);

  console.log(`rerank · ${question}\n`);
  console.log(await compressionRetrievalChain.invoke(question));
} finally {
  await built.close();
}
