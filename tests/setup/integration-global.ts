import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { migrate } from "~/db/migrate.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { setRuntime } from "~/infra/runtime.server.ts";
import { scratchDir } from "../support/scratch-dir.ts";

export const TEMPLATE_DATABASE = "fudao_template";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    meiliUrl: string;
    meiliMasterKey: string;
  }
}

/**
 * One real PostgreSQL cluster and one real Meilisearch for the whole run. The template database
 * is migrated and seeded once; every test file then works on its own copy (integration-file.ts).
 */
export default async function setup(project: TestProject) {
  const dir = scratchDir("integration");
  const [pg, meili] = await Promise.all([
    startEmbeddedPostgres({ dataDir: dir, log: () => {}, database: TEMPLATE_DATABASE }),
    startEmbeddedMeilisearch({ dataDir: dir, log: () => {} }),
  ]);
  await migrate(pg.url);
  setRuntime({ databaseUrl: pg.url, meiliUrl: meili.url, meiliApiKey: meili.masterKey, sessionSecret: "test", dataDir: dir });
  const { seedDemoUniversity } = await import("~/seed/demo-university.server.ts");
  const { prisma } = await import("~/db/client.server.ts");
  await seedDemoUniversity();
  // CREATE DATABASE … TEMPLATE needs the template free of connections.
  await prisma.$disconnect();

  project.provide("templateDatabaseUrl", pg.url);
  project.provide("meiliUrl", meili.url);
  project.provide("meiliMasterKey", meili.masterKey);
  return async () => {
    await meili.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
