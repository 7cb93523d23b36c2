import { benchDomains, jobsDomain } from "/work/wt/selfquery4/bench/self-query/domains.js";
import { RuleBasedQueryConstructor } from "/work/wt/selfquery4/src/self-query/rule-based-query-constructor.js";
const now = new Date(Date.UTC(2026, 10, 15, 12));
const domains = Object.fromEntries([...benchDomains(), jobsDomain()].map((d) => [d.name, d]));
const probes: Array<[string, string]> = [
  ["products", "a laptop stand that fits under a monitor"],
  ["products", "camera straps made of vegetable-tanned leather"],
  ["products", "speaker wire for a home theater"],
  ["products", "keyboard shortcuts cheat sheet for video editors"],
  ["products", "phone cases that survive a drop from 2 meters"],
  ["products", "router bits for woodworking"],
  ["products", "tablets under $300 from Lumen"],
  ["products", "headphones rated 4 stars or better"],
  ["products", "smartwatch bands for sweaty workouts"],
  ["products", "something to keep my laptop cool during 3 hour gaming sessions"],
  ["products", "cheap monitors made by Vireo"],
  ["products", "camera bags that hold a laptop too"],
  ["real-estate", "homes near a house of worship"],
  ["real-estate", "listings with a condo-style amenity package and a gym"],
  ["real-estate", "homes with a flat roof suitable for solar panels"],
  ["real-estate", "a quiet street where the neighbors have lived 20 years"],
  ["real-estate", "3 bedroom houses in Denver under 600k"],
  ["real-estate", "apartments in Seattle listed last month"],
  ["real-estate", "homes with an Austin stone facade"],
  ["real-estate", "a townhouse close to a good elementary school"],
  ["real-estate", "homes with a bed and breakfast license"],
  ["real-estate", "homes with room for a 2 car garage workshop"],
  ["real-estate", "pet-friendly condos in Miami"],
  ["jobs", "senior data engineer jobs in Berlin"],
  ["jobs", "jobs reviewing freelance contracts for a legal firm"],
  ["jobs", "roles supporting remote teams across time zones"],
  ["jobs", "positions teaching senior citizens to use smartphones"],
  ["jobs", "jobs where I mentor junior developers"],
  ["jobs", "jobs managing a contract manufacturing partner"],
  ["jobs", "roles that involve writing remote procedure call services"],
  ["jobs", "jobs that pay for a full-time MBA"],
  ["jobs", "part-time jobs in Vienna paying over 30k"],
  ["jobs", "roles helping lead the migration to Kubernetes"],
  ["jobs", "remote jobs with at least 3 years of experience"],
  ["jobs", "jobs at a startup that raised 5 million last year"],
  ["jobs", "jobs for people who graduated last spring"],
  ["jobs", "roles on a team whose manager has 10 years of experience"],
  ["john-wick", "reviews that mention the lead actor's stunt training"],
  ["john-wick", "reviews by people who watched it last year"],
  ["john-wick", "reviews posted next spring"],
  ["john-wick", "reviews saying the sequel felt 2 hours too long"],
  ["john-wick", "reviews rated 5 comparing it to The Raid"],
  ["john-wick", "reviews from viewers who saw it 3 times"],
  ["products", "laptops released next spring"],
  ["real-estate", "homes listed since last winter"],
];
for (const [name, q] of probes) {
  const d = domains[name];
  const reader = new RuleBasedQueryConstructor({ attributes: d.schema, now: () => now });
  const b = reader.constructSync(q);
  console.log(`${name.padEnd(11)} ${q}\n   -> ${JSON.stringify(b.filter)}  q="${b.query}" ${b.warnings.length ? "W: " + b.warnings.join(" | ") : ""}`);
}
