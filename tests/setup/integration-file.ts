import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";

/** Gives this test file its own database, copied from the seeded template (fast and isolated). */
const templateUrl = new URL(inject("templateDatabaseUrl"));
const template = templateUrl.pathname.slice(1);
const database = `test_${crypto.randomUUID().replaceAll("-", "")}`;

const adminUrl = new URL(templateUrl);
adminUrl.pathname = "/postgres";
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
await admin.end();

const url = new URL(templateUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliMasterKey");
// Files share one Meilisearch: each gets its own index names.
process.env.MEILI_INDEX_PREFIX = `t${database.slice(5, 17)}_`;
process.env.SESSION_SECRET = "integration-test-secret";
process.env.FUDAO_DATA_DIR = scratchDir("file");
