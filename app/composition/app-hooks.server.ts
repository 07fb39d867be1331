import { answersEndpoint } from "~/camp/test/answers-endpoint.server.ts";
import { prisma } from "~/db/client.server.ts";
import { requestScope } from "~/lib/request-scope.server.ts";
import { registerAppMetrics } from "~/observability/app-metrics.server.ts";
import { describeDemoAccounts, seedIfEmpty } from "~/seed/seed.server.ts";
import { startBackgroundTasks, stopBackgroundTasks } from "./background.server.ts";
import { checkHealth } from "./health.server.ts";
import { createAppSocketServer } from "./socket-features.server.ts";

/**
 * What the custom server needs from the application, handed over through the server build's
 * entry module (app/entry.server.tsx re-exports it). The server then loads each app module once,
 * from the build, instead of a second copy through tsx.
 */
export const appHooks = {
  seedIfEmpty,
  describeDemoAccounts,
  checkHealth,
  /** The app's gauges on the server's /metrics registry (decision 128). */
  registerMetrics: registerAppMetrics,
  createSocketServer: createAppSocketServer,
  /** Express middleware opening the per-request memo (see request-scope.server.ts). */
  requestScope,
  startBackgroundTasks,
  stopBackgroundTasks,
  disconnectDatabase: () => prisma.$disconnect(),
  /** The hot JSON endpoints the server answers ahead of Remix (json-endpoints.server.ts). */
  jsonEndpoints: [answersEndpoint],
};

export type AppHooks = typeof appHooks;
