import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` here: migrations are applied by our own runner
// (app/db/migrate.server.ts) because the native schema engine cannot be downloaded offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
