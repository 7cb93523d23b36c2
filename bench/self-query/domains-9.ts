/**
 * The two new domains of held-out round 9 (bench/self-query/questions/held-out-9-new/*.jsonl): a personal
 * archive of hotel and holiday-rental bookings, and a help-desk export of customer support tickets. Their
 * schemas were declared the way a developer would describe their own documents, without knowing the
 * rule-based constructor's rules, so the round measures how the rules carry over to schemas they were
 * never tuned on.
 */
import { buildVocabulary, defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";

/**
 * A travel-history archive of hotel and holiday-rental bookings in Europe (confirmations and the notes
 * written after each stay): a property-type enum with a multiword value, a city enum with accented values,
 * the nightly price in euros, the number of nights and of guests, the official star classification as a
 * plain integer, a 0-10 guest review score declared as the quality scale, a breakfast yes/no and the
 * check-in date, which lies in the future for upcoming trips.
 */
export function staysDomain(): BenchDomain {
  return {
    name: "stays",
    file: "stays.jsonl",
    schema: defineAttributeSchema({
      documentContents: "A hotel or holiday-rental booking from my travel history, with the confirmation and my notes on the stay",
      attributes: [
        {
          name: "property_type",
          type: "enum",
          description: "What kind of place the booking is for",
          aliases: ["property type", "type of place", "accommodation"],
          values: [
            { value: "hotel" },
            { value: "apartment", aliases: ["flat", "studio"] },
            { value: "villa" },
            { value: "cottage", aliases: ["cabin", "chalet"] },
            { value: "hostel" },
            { value: "bed and breakfast", aliases: ["B&B", "guesthouse"] },
          ],
        },
        {
          name: "city",
          type: "enum",
          description: "The city the place is in",
          aliases: ["city", "in"],
          values: ["Lisbon", "Porto", "Barcelona", "San Sebastián", "Rome", "Florence", "Nice", "Amsterdam", "Prague", "Kraków"].map(
            (value) => ({ value }),
          ),
        },
        {
          name: "nightly_price",
          type: "number",
          description: "The price per night in euros",
          aliases: ["price", "nightly price", "per night", "a night", "rate", "cost"],
          units: ["€", "EUR", "euros", "euro"],
          minimum: 0,
        },
        {
          name: "nights",
          type: "integer",
          description: "How many nights the stay lasts",
          aliases: ["nights", "length of stay"],
          units: ["nights", "night"],
          minimum: 1,
          maximum: 90,
        },
        {
          name: "guests",
          type: "integer",
          description: "How many guests the booking is for",
          aliases: ["guests", "sleeps", "party size"],
          units: ["guests", "people", "persons", "adults"],
          minimum: 1,
          maximum: 20,
        },
        {
          name: "stars",
          type: "integer",
          description: "The official star classification of the place (not the guest reviews)",
          aliases: ["stars", "star rating", "classification"],
          units: ["stars", "star"],
          minimum: 1,
          maximum: 5,
        },
        {
          name: "guest_score",
          type: "number",
          description: "The average guest review score, 0 to 10",
          aliases: ["guest score", "review score", "score", "rated", "reviews"],
          units: ["/10", "out of 10"],
          minimum: 0,
          maximum: 10,
          quality: true,
        },
        {
          name: "breakfast_included",
          type: "boolean",
          description: "Whether breakfast is included in the price",
          aliases: ["breakfast included", "with breakfast", "breakfast"],
          values: [{ value: false, aliases: ["room only", "no breakfast", "without breakfast"] }],
        },
        {
          name: "check_in",
          type: "date",
          description: "The check-in date of the stay",
          aliases: ["check-in", "checking in", "checked in", "arriving", "arrival", "stayed"],
          yearField: "check_in_year",
        },
      ],
    }),
    steps: { nightly_price: 0.01, nights: 1, guests: 1, stars: 1, guest_score: 0.1, check_in: 1, check_in_year: 1 },
  };
}

/** Support agents of the help desk (read from "documents" as `buildVocabulary` does). */
const SUPPORT_AGENTS = ["Maya Lindqvist", "Omar Farouk", "Chloé Dubois", "Kenji Watanabe", "Sam Okafor", "Beatriz Romero", "Lukas Novák"];

/**
 * A help-desk export of a software company's support tickets (the customer's messages and the agents'
 * replies): priority, status, product-area and customer-tier enums (with multiword values such as "on
 * hold" and "data export", and aliases such as "P1" and "SSO"), an agent vocabulary read from the
 * documents, the opened date, the resolution time in hours, an escalated yes/no and a 1-5 customer
 * satisfaction score declared as the quality scale.
 */
export function supportTicketsDomain(): BenchDomain {
  return {
    name: "support-tickets",
    file: "support-tickets.jsonl",
    schema: buildVocabulary(
      SUPPORT_AGENTS.map((agent) => ({ metadata: { agent } })),
      defineAttributeSchema({
        documentContents: "A customer support ticket with the customer's messages and the agents' replies",
        attributes: [
          {
            name: "priority",
            type: "enum",
            description: "The priority the ticket was given",
            aliases: ["priority", "prio"],
            values: [
              { value: "low" },
              { value: "normal", aliases: ["medium"] },
              { value: "high" },
              { value: "urgent", aliases: ["critical", "P1"] },
            ],
          },
          {
            name: "status",
            type: "enum",
            description: "Where the ticket stands",
            aliases: ["status", "state"],
            values: [
              { value: "open" },
              { value: "pending", aliases: ["waiting on customer", "awaiting reply"] },
              { value: "on hold" },
              { value: "resolved", aliases: ["solved", "fixed"] },
              { value: "closed" },
            ],
          },
          {
            name: "product_area",
            type: "enum",
            description: "The part of the product the ticket is about",
            aliases: ["product area", "area", "component"],
            values: [
              { value: "billing", aliases: ["invoices", "payments"] },
              { value: "login", label: "login & SSO", aliases: ["sign-in", "SSO", "authentication"] },
              { value: "API" },
              { value: "mobile app", aliases: ["iOS app", "Android app"] },
              { value: "integrations" },
              { value: "reporting", aliases: ["reports", "dashboards"] },
              { value: "data export", aliases: ["export", "CSV export"] },
            ],
          },
          {
            name: "customer_tier",
            type: "enum",
            description: "The plan the customer is on",
            aliases: ["tier", "plan", "customer tier"],
            values: [{ value: "free" }, { value: "pro" }, { value: "business" }, { value: "enterprise" }],
          },
          {
            name: "agent",
            type: "string",
            description: "The support agent the ticket is assigned to",
            aliases: ["agent", "assigned to", "handled by", "assignee"],
            vocabularyFromDocuments: true,
          },
          {
            name: "opened_date",
            type: "date",
            description: "The date the ticket was opened",
            aliases: ["opened", "created", "submitted", "filed", "raised"],
            yearField: "opened_year",
          },
          {
            name: "resolution_hours",
            type: "number",
            description: "How many hours it took to resolve the ticket",
            aliases: ["resolution time", "time to resolve", "resolved in", "took"],
            units: ["hours", "hour", "hrs", "h"],
            minimum: 0,
          },
          {
            name: "escalated",
            type: "boolean",
            description: "Whether the ticket was escalated to engineering",
            aliases: ["escalated", "escalated to engineering"],
            values: [{ value: false, aliases: ["not escalated", "never escalated"] }],
          },
          {
            name: "satisfaction",
            type: "integer",
            description: "The customer's satisfaction (CSAT) rating after the ticket, 1 to 5",
            aliases: ["satisfaction", "CSAT", "customer rating", "rated"],
            units: ["/5", "out of 5"],
            minimum: 1,
            maximum: 5,
            quality: true,
          },
        ],
      }),
    ),
    steps: { resolution_hours: 0.1, satisfaction: 1, opened_date: 1, opened_year: 1 },
  };
}

/** The domains of held-out round 9's new-schema sets. */
export function heldOutNineNewDomains(): BenchDomain[] {
  return [staysDomain(), supportTicketsDomain()];
}
