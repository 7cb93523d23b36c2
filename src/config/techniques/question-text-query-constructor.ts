import type { ConstructOptions, ConstructedQuery, QueryConstructor } from "../../self-query/query-constructor.js";

/**
 * A query constructor whose semantic query is the whole question (the constraints are still turned
 * into the filter and limit): the ranking stage then also sees the words the constraint came from
 * ("a laptop with 10 hours of battery" is ranked as asked, under `category = laptop`). A question
 * that is only constraints (constructed query `""`) stays a filter-only question.
 */
export class QuestionTextQueryConstructor implements QueryConstructor {
  readonly inner: QueryConstructor;

  constructor(inner: QueryConstructor) {
    this.inner = inner;
  }

  async construct(question: string, options?: ConstructOptions): Promise<ConstructedQuery> {
    const constructed = await this.inner.construct(question, options);
    return constructed.query === "" ? constructed : { ...constructed, query: question };
  }
}
