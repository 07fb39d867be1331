import type { Faker } from "@faker-js/faker";
import type { Prisma } from "~/generated/prisma/client.ts";
import { seedMentorMatching } from "~/mentors/seed.server.ts";
import { seedSynonyms } from "~/search/seed.server.ts";
import { seedDocuments } from "~/documents/seed.server.ts";
import { seedWelcomeNotifications } from "~/notifications/seed.server.ts";
import { seedStudioLife } from "~/studios/seed.server.ts";
import { seedTraining } from "~/training/seed.server.ts";
import { seedMeetings } from "~/meetings/seed.server.ts";
import { seedCamp } from "~/camp/release/seed.server.ts";

export interface SeedContext {
  /** The seed's transaction: a step's rows appear together with the rest or not at all. */
  db: Prisma.TransactionClient;
  /** Dates are relative to this, so the demo looks the same whenever it is loaded. */
  now: Date;
  /** Already seeded: keep the order of calls stable and query with orderBy for determinism. */
  faker: Faker;
}

export type SeedStep = (context: SeedContext) => Promise<void>;

/**
 * Demo content that features add on top of the core demo university (people, studios, mentors,
 * projects), in this order, inside the same transaction. One line per feature.
 */
export const SEED_STEPS: SeedStep[] = [seedWelcomeNotifications, seedStudioLife, seedMentorMatching, seedDocuments, seedSynonyms, seedTraining, seedMeetings, seedCamp];
