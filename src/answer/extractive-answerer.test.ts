import { Document } from "@langchain/core/documents";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { EXTRACTIVE_ANSWER_LABEL, ExtractiveAnswerer } from "./extractive-answerer.js";
import { formatDocumentsForPrompt, RAG_PROMPT_TEMPLATE } from "./rag-prompt.js";

const reviews = [
  new Document({
    id: "jw3-4",
    pageContent:
      "Parabellum never slows down. The horse chase through Manhattan is the best action scene of the year. I left the cinema grinning.",
    metadata: { Movie_Title: "John Wick 3", Rating: 9 },
  }),
  new Document({
    id: "jw1-2",
    pageContent: "The dog dies early and it hurts. Keanu Reeves is quiet and precise in every fight. The villain is forgettable, sadly.",
    metadata: { Movie_Title: "John Wick 1", Rating: 7 },
  }),
  new Document({
    id: "jw2-8",
    pageContent: "The museum shootout looks gorgeous. Honestly the plot makes little sense after the first hour though.",
    metadata: { Movie_Title: "John Wick 2", Rating: 6 },
  }),
];

async function promptFor(question: string, documents = reviews) {
  return ChatPromptTemplate.fromTemplate(RAG_PROMPT_TEMPLATE).invoke({ question, context: formatDocumentsForPrompt(documents) });
}

describe("ExtractiveAnswerer", () => {
  it("answers from the prompt value with a label and quotes that cite their review ids", async () => {
    const answerer = new ExtractiveAnswerer();
    const message = await answerer.invoke(await promptFor("Which scene has a horse chase in Manhattan?"));
    expect(message).toBeInstanceOf(AIMessage);
    const text = message.content as string;
    expect(text.startsWith(EXTRACTIVE_ANSWER_LABEL)).toBe(true);
    const quotes = [...text.matchAll(/^- "(.+)" \(([^)]+)\)$/gm)].map((match) => ({ sentence: match[1]!, id: match[2]! }));
    expect(quotes).toHaveLength(3);
    expect(quotes[0]).toEqual({ sentence: "The horse chase through Manhattan is the best action scene of the year.", id: "jw3-4" });
    // Every quote is a sentence of the document it cites.
    for (const quote of quotes) expect(reviews.find((review) => review.id === quote.id)?.pageContent).toContain(quote.sentence);
  });

  it("matches stemmed words (fights -> fight) and spreads quotes over documents", async () => {
    const answer = await new ExtractiveAnswerer().answer("Who was good at the fighting?", reviews);
    expect(answer.quotes[0]).toMatchObject({ id: "jw1-2", sentence: "Keanu Reeves is quiet and precise in every fight." });
    expect(new Set(answer.quotes.map((quote) => quote.id)).size).toBe(3);
  });

  it("takes several sentences from one document when there are too few documents", async () => {
    const answer = await new ExtractiveAnswerer({ sentences: 2 }).answer("horse chase", [reviews[0]!]);
    expect(answer.quotes.map((quote) => quote.id)).toEqual(["jw3-4", "jw3-4"]);
    expect(answer.quotes[0]!.sentence).toContain("horse chase");
  });

  it("accepts structured input, prompt text and messages, with the same answer", async () => {
    const answerer = new ExtractiveAnswerer();
    const question = "Does the plot make sense?";
    const prompt = await promptFor(question);
    const fromValue = (await answerer.invoke(prompt)).content;
    expect((await answerer.invoke({ question, context: reviews })).content).toBe(fromValue);
    expect((await answerer.invoke({ question, context: formatDocumentsForPrompt(reviews) })).content).toBe(fromValue);
    expect((await answerer.invoke(prompt.toString())).content).toBe(fromValue);
    expect(
      (
        await answerer.invoke([
          new HumanMessage(
            prompt
              .toChatMessages()
              .map((m) => m.content)
              .join("\n"),
          ),
        ])
      ).content,
    ).toBe(fromValue);
    expect(fromValue).toContain("(jw2-8)");
  });

  it("says it does not know when nothing was retrieved", async () => {
    const answer = await new ExtractiveAnswerer().answerInput(await promptFor("Anything?", []));
    expect(answer.quotes).toEqual([]);
    expect(answer.text.startsWith(EXTRACTIVE_ANSWER_LABEL)).toBe(true);
  });

  it("uses embeddings as a second signal when given", async () => {
    const embeddings = new FakeEmbeddings(64);
    const answer = await new ExtractiveAnswerer({ embeddings, keywordWeight: 0, retrievalRankWeight: 0 }).answer(
      "museum shootout gorgeous",
      reviews,
    );
    expect(embeddings.queryCalls).toBe(1);
    expect(answer.quotes[0]).toMatchObject({ id: "jw2-8", sentence: "The museum shootout looks gorgeous." });
  });

  it("is deterministic and only quotes sentences of the context", async () => {
    const word = fc.constantFrom("horse", "dog", "plot", "museum", "keanu", "fight", "scene", "year", "cinema", "villain");
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 5 }), async (words) => {
        const question = words.join(" ");
        const answerer = new ExtractiveAnswerer();
        const first = await answerer.answer(question, reviews);
        const second = await answerer.answer(question, [...reviews]);
        expect(second).toEqual(first);
        expect(first.quotes).toHaveLength(3);
        for (const quote of first.quotes) expect(reviews.find((review) => review.id === quote.id)!.pageContent).toContain(quote.sentence);
        for (let index = 1; index < first.quotes.length; index += 1)
          expect(first.quotes[index]!.score).toBeLessThanOrEqual(first.quotes[index - 1]!.score);
      }),
      { numRuns: 30 },
    );
  });

  it("rejects bad options and inputs with library errors", async () => {
    expect(() => new ExtractiveAnswerer({ sentences: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "ExtractiveAnswerer.sentences" }),
    );
    await expect(new ExtractiveAnswerer().invoke(42 as never)).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION });
  });
});
