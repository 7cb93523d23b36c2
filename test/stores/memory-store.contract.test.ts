import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract({ name: "MemoryStore", create: async (embeddings) => new MemoryStore(embeddings) });
