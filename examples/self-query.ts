/**
 * Self-query retriever: the question becomes a semantic query plus a metadata filter (film, rating,
 * date, author...), by the configured chat model or, without one, by offline rules; then the
 * reference's LCEL RAG chain. Run: npx tsx examples/self-query.ts [--data DIR] ["question"]
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
import { exampleArguments, FILTERED_QUESTION } from "./shared/example-arguments.js";

const { question, data, dataset } = exampleArguments(FILTERED_QUESTION);

// Retrieval: the configuration builds the technique by name (data loading, embeddings, saved indexes).
const built = await buildRetriever({ technique: "self-query", k: 10, data, dataset });
try {
  const selfQueryRetriever = built.retriever;

  // Augmented: the reference's prompt; the context lists the reviews with their ids.
  const ragPrompt = ChatPromptTemplate.fromTemplate(RAG_PROMPT_TEMPLATE);

  // Generation: ChatOpenAI when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the offline
  // extractive answerer (not an LLM: it quotes the most relevant sentences with their review ids).
  const chatModel = createChatModel() ?? new ExtractiveAnswerer({ embeddings: built.embeddings });

  const setupAndRetrieval = RunnableParallel.from({
    question: new RunnablePassthrough(),
    context: selfQueryRetriever.pipe(formatDocumentsForPrompt),
  });
  const outputParser = new StringOutputParser();
  const selfQueryRetrievalChain = setupAndRetrieval.pipe(ragPrompt).pipe(chatModel).pipe(outputParser);

  console.log(`self-query · ${question}\n`);
  console.log(await selfQueryRetrievalChain.invoke(question));
} finally {
  await built.close();
}
