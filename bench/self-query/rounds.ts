/**
 * The question sets of the self-query benchmark, in the order it runs them: the tuning sets and every
 * held-out round, with the schemas its questions are about. `bench/self-query.bench.ts` scores them and
 * `bench/self-query/check-round.ts` checks a round's gold filters without running any constructor.
 */
import { benchDomains, heldOutFiveDomains, type BenchDomain } from "./domains.js";
import { heldOutEightNewDomains } from "./domains-8.js";
import { heldOutNineNewDomains } from "./domains-9.js";
import { heldOutTenNewDomains } from "./domains-10.js";
import { heldOutElevenNewADomains } from "./domains-11a.js";
import { heldOutElevenNewBDomains } from "./domains-11b.js";
import { heldOutTwelveNewADomains } from "./domains-12a.js";
import { heldOutTwelveNewBDomains } from "./domains-12b.js";

export interface QuestionRound {
  /** JSON key of the round in `--json` output. */
  key: string;
  /** Folder under bench/self-query/questions ("" for the tuning sets). */
  folder: string;
  /** Heading of the round's table. */
  title: string;
  /** The schemas, one per question file. */
  domains: () => BenchDomain[];
  /** Questions of each kind in every file, for rounds written to a fixed plan (checked by check-round.ts). */
  perKind?: number;
}

export const QUESTION_ROUNDS: readonly QuestionRound[] = [
  { key: "tuning", folder: "", title: "Tuning sets (written before the rules were changed)", domains: benchDomains },
  {
    key: "heldOut",
    folder: "held-out",
    title: "Held-out sets, round 1 (written after tuning; the classes it exposed were then fixed)",
    domains: benchDomains,
  },
  {
    key: "heldOut2",
    folder: "held-out-2",
    title: "Held-out sets, round 2 (written after round 1's fixes; its failures were then fixed)",
    domains: benchDomains,
  },
  {
    key: "heldOut3",
    folder: "held-out-3",
    title: "Held-out sets, round 3 (written after round 2's fixes, mostly semantic; its failures were then partly fixed)",
    domains: benchDomains,
  },
  {
    key: "heldOut4",
    folder: "held-out-4",
    title: "Held-out sets, round 4 (written after every rule change, none since)",
    domains: benchDomains,
  },
  {
    key: "heldOut5",
    folder: "held-out-5",
    title: "Held-out sets, round 5 (written blind by another helper, with a fourth domain: job postings)",
    domains: heldOutFiveDomains,
    perKind: 20,
  },
  {
    key: "heldOut6",
    folder: "held-out-6",
    title: "Held-out sets, round 6 (written blind by another helper, four domains, quality words as quarters of the declared range)",
    domains: heldOutFiveDomains,
    perKind: 15,
  },
  {
    key: "heldOut7",
    folder: "held-out-7",
    title: "Held-out sets, round 7 (written blind by another helper, four domains, the conventions of round 6)",
    domains: heldOutFiveDomains,
    perKind: 10,
  },
  {
    key: "heldOut8",
    folder: "held-out-8",
    title: "Held-out sets, round 8 (written blind by another helper, the four domains of round 5, the conventions of round 6)",
    domains: heldOutFiveDomains,
    perKind: 15,
  },
  {
    key: "heldOut8New",
    folder: "held-out-8-new",
    title: "Held-out sets, round 8 on two new schemas (recipes, used cars; schemas and questions written blind by another helper)",
    domains: heldOutEightNewDomains,
    perKind: 15,
  },
  {
    key: "heldOut9",
    folder: "held-out-9",
    title: "Held-out sets, round 9 (written blind by another helper, the four domains of round 5, the conventions of round 6)",
    domains: heldOutFiveDomains,
    perKind: 12,
  },
  {
    key: "heldOut9New",
    folder: "held-out-9-new",
    title:
      "Held-out sets, round 9 on two new schemas (holiday stays, support tickets; schemas and questions written blind by another helper)",
    domains: heldOutNineNewDomains,
    perKind: 12,
  },
  {
    key: "heldOut10",
    folder: "held-out-10",
    title: "Held-out sets, round 10 (written blind by another helper, the four domains of round 5, the conventions of round 6)",
    domains: heldOutFiveDomains,
    perKind: 8,
  },
  {
    key: "heldOut10New",
    folder: "held-out-10-new",
    title: "Held-out sets, round 10 on two new schemas (podcast episodes, books; schemas and questions written blind by another helper)",
    domains: heldOutTenNewDomains,
    perKind: 10,
  },
  {
    key: "heldOut11",
    folder: "held-out-11",
    title: "Held-out sets, round 11 (written blind by another helper, the four domains of round 5, the conventions of round 6)",
    domains: heldOutFiveDomains,
    perKind: 12,
  },
  {
    key: "heldOut11NewA",
    folder: "held-out-11-new-a",
    title: "Held-out sets, round 11 on two new schemas (papers, restaurant visits; schemas and questions written blind by another helper)",
    domains: heldOutElevenNewADomains,
    perKind: 12,
  },
  {
    key: "heldOut11NewB",
    folder: "held-out-11-new-b",
    title:
      "Held-out sets, round 11 on two new schemas (hiking trails, music tracks; schemas and questions written blind by another helper)",
    domains: heldOutElevenNewBDomains,
    perKind: 12,
  },
  {
    key: "heldOut12",
    folder: "held-out-12",
    title: "Held-out sets, round 12 (written blind by another helper, the four domains of round 5, the conventions of round 6)",
    domains: heldOutFiveDomains,
    perKind: 12,
  },
  {
    key: "heldOut12NewA",
    folder: "held-out-12-new-a",
    title:
      "Held-out sets, round 12 on two new schemas (insurance claims, shipments; schemas and questions written blind by another helper)",
    domains: heldOutTwelveNewADomains,
    perKind: 12,
  },
  {
    key: "heldOut12NewB",
    folder: "held-out-12-new-b",
    title:
      "Held-out sets, round 12 on two new schemas (photo library, video game backlog; schemas and questions written blind by another helper)",
    domains: heldOutTwelveNewBDomains,
    perKind: 12,
  },
];
