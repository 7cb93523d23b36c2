/**
 * The two new domains of held-out round 12-new-a (bench/self-query/questions/held-out-12-new-a/*.jsonl): the
 * claim files of a small property and casualty insurer's claims team (first notice of loss, adjuster notes,
 * settlement letters), and the outbound shipments of a distribution business with warehouses across Europe
 * (packing lists, carrier tracking events, exception reports). Their schemas were declared the way a
 * developer would describe their own documents, without knowing the rule-based constructor's rules, so the
 * round measures how the rules carry over to schemas they were never tuned on.
 */
import { buildVocabulary, defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";

/** The claims adjusters of the team (read from "documents" as `buildVocabulary` does). */
const ADJUSTERS = [
  "Dana Whitfield",
  "Kenji Mori",
  "Rosa Delgado",
  "Ingrid Larsen",
  "Marc-André Roy",
  "Tom O'Brien",
  "Grace Hill",
  "Luis Ortega",
];

/**
 * Insurance claim files: a policy-type enum with labels and everyday aliases ("car", "homeowners"), a
 * cause-of-loss enum with multiword values and peril aliases ("hail", "burst pipe", "slip and fall"), a status
 * enum stored as upper-case codes with labels ("IN_REVIEW", "In review"), the US state as two-letter codes
 * with the state names as labels (two codes are also abbreviations of other things: "CO", "LA"),
 * an adjuster vocabulary read from the documents, the claimed amount and the deductible in dollars, two
 * dates (the date of loss and the date the claim was reported, each with its year field), two yes/no fields
 * (bodily injury, referred for suspected fraud) and the claimant's 1-10 satisfaction survey score declared as
 * the quality scale.
 */
export function insuranceClaimsDomain(): BenchDomain {
  return {
    name: "insurance-claims",
    file: "claims.jsonl",
    schema: buildVocabulary(
      ADJUSTERS.map((adjuster) => ({ metadata: { adjuster } })),
      defineAttributeSchema({
        documentContents: "An insurance claim file: the claimant's first notice of loss, the adjuster's notes and the settlement letters",
        attributes: [
          {
            name: "policy_type",
            type: "enum",
            description: "The kind of policy the claim is made under",
            aliases: ["policy type", "policy", "line of business"],
            values: [
              { value: "auto", label: "Auto", aliases: ["car", "motor", "vehicle"] },
              { value: "home", label: "Homeowners", aliases: ["homeowners", "house", "property"] },
              { value: "renters", label: "Renters", aliases: ["tenant", "contents"] },
              { value: "travel", label: "Travel" },
              { value: "pet", label: "Pet", aliases: ["pet insurance"] },
              { value: "small business", label: "Small business", aliases: ["commercial", "business owners", "BOP"] },
            ],
          },
          {
            name: "cause_of_loss",
            type: "enum",
            description: "What caused the loss (the peril)",
            aliases: ["cause", "cause of loss", "peril", "type of loss"],
            values: [
              { value: "collision", aliases: ["crash", "accident", "fender bender"] },
              { value: "theft", aliases: ["stolen", "burglary", "break-in"] },
              { value: "water damage", aliases: ["flood", "leak", "burst pipe"] },
              { value: "fire", aliases: ["smoke damage"] },
              { value: "storm", aliases: ["hail", "wind", "hurricane", "tornado"] },
              { value: "glass", aliases: ["windshield", "windscreen", "broken glass"] },
              { value: "liability", aliases: ["slip and fall", "third party", "dog bite"] },
              { value: "trip cancellation", aliases: ["cancelled trip"] },
              { value: "lost baggage", aliases: ["lost luggage", "delayed baggage"] },
              { value: "vet treatment", aliases: ["vet bills", "illness"] },
            ],
          },
          {
            name: "status",
            type: "enum",
            description: "Where the claim stands",
            aliases: ["status", "claim status"],
            values: [
              { value: "OPEN", label: "Open", aliases: ["new", "pending"] },
              { value: "IN_REVIEW", label: "In review", aliases: ["under review", "investigating", "being investigated"] },
              { value: "APPROVED", label: "Approved" },
              { value: "DENIED", label: "Denied", aliases: ["rejected", "declined"] },
              { value: "PAID", label: "Paid", aliases: ["settled"] },
              { value: "WITHDRAWN", label: "Withdrawn", aliases: ["cancelled by customer"] },
            ],
          },
          {
            name: "state",
            type: "enum",
            description: "The US state of the insured risk (for travel and pet claims, the policyholder's state)",
            aliases: ["state"],
            values: [
              { value: "TX", label: "Texas" },
              { value: "FL", label: "Florida" },
              { value: "CA", label: "California" },
              { value: "NY", label: "New York" },
              { value: "IL", label: "Illinois" },
              { value: "CO", label: "Colorado" },
              { value: "GA", label: "Georgia" },
              { value: "AZ", label: "Arizona" },
              { value: "WA", label: "Washington" },
              { value: "LA", label: "Louisiana" },
            ],
          },
          {
            name: "adjuster",
            type: "string",
            description: "The adjuster handling the claim",
            aliases: ["adjuster", "handled by", "assigned to", "adjusted by"],
            vocabularyFromDocuments: true,
          },
          {
            name: "claim_amount",
            type: "number",
            description: "The amount claimed, in US dollars",
            aliases: ["claim amount", "amount", "claimed", "claim of"],
            units: ["$", "USD", "dollars"],
            minimum: 0,
          },
          {
            name: "deductible",
            type: "integer",
            description: "The deductible on the policy, in US dollars",
            aliases: ["deductible"],
            units: ["$", "USD", "dollars"],
            minimum: 0,
            maximum: 10000,
          },
          {
            name: "loss_date",
            type: "date",
            description: "The date the loss happened (date of loss)",
            aliases: ["date of loss", "loss date", "happened", "occurred"],
            yearField: "loss_year",
          },
          {
            name: "reported_date",
            type: "date",
            description: "The date the claim was reported to us (first notice of loss)",
            aliases: ["reported", "filed", "submitted", "FNOL"],
            yearField: "reported_year",
          },
          {
            name: "injury",
            type: "boolean",
            description: "Whether anyone was injured",
            aliases: ["injury", "injuries", "bodily injury", "injured"],
            values: [{ value: false, aliases: ["no injuries", "property damage only", "PDO"] }],
          },
          {
            name: "fraud_flag",
            type: "boolean",
            description: "Whether the claim was referred to the special investigations unit (SIU) for suspected fraud",
            aliases: ["fraud flag", "flagged for fraud", "suspected fraud", "SIU referral", "referred to SIU"],
          },
          {
            name: "survey_score",
            type: "integer",
            description: "The claimant's score in the satisfaction survey sent after the claim closed, 1 to 10",
            aliases: ["survey score", "survey", "satisfaction", "customer score", "rated"],
            units: ["/10", "out of 10"],
            minimum: 1,
            maximum: 10,
            quality: true,
          },
        ],
      }),
    ),
    steps: {
      claim_amount: 0.01,
      deductible: 1,
      loss_date: 1,
      loss_year: 1,
      reported_date: 1,
      reported_year: 1,
      survey_score: 1,
    },
  };
}

/** The carriers we ship with (read from "documents" as `buildVocabulary` does). */
const CARRIERS = ["DHL", "UPS", "FedEx", "DB Schenker", "Kuehne+Nagel", "DSV", "Maersk", "GLS", "Raben"];

/**
 * Outbound shipments: a carrier vocabulary read from the documents (acronyms, one with a plus sign,
 * "Kuehne+Nagel"), the origin warehouse as a location code with the city as its label ("LEJ", "Leipzig"; one
 * accented, "Poznań"), the destination as an ISO country code with the country name as label and a few
 * aliases ("UK", "Holland"), a transport-mode enum, a status enum with a multiword value ("in transit"), the
 * gross weight in kilograms (decimal), the pallet count, the freight cost in euros, the ship date with its
 * year field, the transit time in days, and three yes/no fields (dangerous goods, temperature controlled,
 * damage reported). No rating.
 */
export function shipmentsDomain(): BenchDomain {
  return {
    name: "shipments",
    file: "shipments.jsonl",
    schema: buildVocabulary(
      CARRIERS.map((carrier) => ({ metadata: { carrier } })),
      defineAttributeSchema({
        documentContents:
          "An outbound shipment from one of our warehouses, with its packing list, the carrier's tracking events and any exception or damage report",
        attributes: [
          {
            name: "carrier",
            type: "string",
            description: "The carrier or forwarder that moved the shipment",
            aliases: ["carrier", "forwarder", "shipped with", "shipped via"],
            vocabularyFromDocuments: true,
          },
          {
            name: "origin_warehouse",
            type: "enum",
            description: "The warehouse the shipment left from",
            aliases: ["warehouse", "origin", "origin warehouse", "shipped from"],
            values: [
              { value: "RTM", label: "Rotterdam" },
              { value: "LEJ", label: "Leipzig" },
              { value: "MXP", label: "Milan", aliases: ["Milano"] },
              { value: "LYS", label: "Lyon" },
              { value: "POZ", label: "Poznań" },
            ],
          },
          {
            name: "destination_country",
            type: "enum",
            description: "The country the shipment was sent to (ISO code)",
            aliases: ["destination", "destination country", "ship-to country", "delivered to"],
            values: [
              { value: "DE", label: "Germany" },
              { value: "FR", label: "France" },
              { value: "IT", label: "Italy" },
              { value: "ES", label: "Spain" },
              { value: "NL", label: "Netherlands", aliases: ["Holland"] },
              { value: "PL", label: "Poland" },
              { value: "AT", label: "Austria" },
              { value: "CH", label: "Switzerland" },
              { value: "SE", label: "Sweden" },
              { value: "GB", label: "United Kingdom", aliases: ["UK", "Britain"] },
              { value: "US", label: "United States", aliases: ["USA"] },
            ],
          },
          {
            name: "transport_mode",
            type: "enum",
            description: "How the shipment travelled",
            aliases: ["mode", "transport mode", "shipping mode"],
            values: [
              { value: "road", aliases: ["truck", "trucking", "FTL", "LTL"] },
              { value: "air", aliases: ["air freight", "by air"] },
              { value: "ocean", aliases: ["sea", "sea freight", "container"] },
              { value: "rail", aliases: ["train"] },
              { value: "parcel", aliases: ["courier", "express"] },
            ],
          },
          {
            name: "status",
            type: "enum",
            description: "Where the shipment stands",
            aliases: ["status", "shipment status"],
            values: [
              { value: "booked", aliases: ["awaiting pickup", "not picked up"] },
              { value: "in transit", aliases: ["on the way"] },
              { value: "delivered" },
              { value: "delayed", aliases: ["late"] },
              { value: "exception" },
              { value: "returned", aliases: ["return to sender", "RTS"] },
              { value: "lost" },
            ],
          },
          {
            name: "weight_kg",
            type: "number",
            description: "The gross weight of the shipment in kilograms",
            aliases: ["weight", "gross weight", "weighing", "weighs"],
            units: ["kg", "kgs", "kilos", "kilograms"],
            minimum: 0,
          },
          {
            name: "pallets",
            type: "integer",
            description: "How many pallets the shipment has (0 for loose parcels)",
            aliases: ["pallets", "pallet count", "number of pallets"],
            units: ["pallets", "pallet"],
            minimum: 0,
            maximum: 66,
          },
          {
            name: "freight_cost",
            type: "number",
            description: "What the carrier charged for the shipment, in euros",
            aliases: ["freight cost", "shipping cost", "cost", "charged"],
            units: ["€", "EUR", "euros"],
            minimum: 0,
          },
          {
            name: "ship_date",
            type: "date",
            description: "The date the shipment left the warehouse",
            aliases: ["shipped", "ship date", "dispatched", "sent"],
            yearField: "ship_year",
          },
          {
            name: "transit_days",
            type: "integer",
            description: "How many days the shipment took from pickup to delivery",
            aliases: ["transit time", "took", "lead time"],
            units: ["days", "day"],
            minimum: 0,
            maximum: 120,
          },
          {
            name: "hazardous",
            type: "boolean",
            description: "Whether the shipment contains dangerous goods (ADR / IATA DG)",
            aliases: ["hazardous", "dangerous goods", "DG", "hazmat", "ADR"],
            values: [{ value: false, aliases: ["non-hazardous", "non-DG"] }],
          },
          {
            name: "temperature_controlled",
            type: "boolean",
            description: "Whether the shipment travelled temperature controlled",
            aliases: ["temperature controlled", "reefer", "cold chain", "refrigerated", "chilled"],
          },
          {
            name: "damage_reported",
            type: "boolean",
            description: "Whether the receiver reported damage",
            aliases: ["damage reported", "damaged", "arrived damaged", "damage claim"],
            values: [{ value: false, aliases: ["no damage", "undamaged"] }],
          },
        ],
      }),
    ),
    steps: { weight_kg: 0.1, pallets: 1, freight_cost: 0.01, ship_date: 1, ship_year: 1, transit_days: 1 },
  };
}

/** The domains of held-out round 12-new-a's new-schema sets. */
export function heldOutTwelveNewADomains(): BenchDomain[] {
  return [insuranceClaimsDomain(), shipmentsDomain()];
}
