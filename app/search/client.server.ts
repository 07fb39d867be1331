import { Meilisearch } from "meilisearch";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";

/**
 * The process's Meilisearch client, on Node's own fetch: a keep-alive undici Agent measured
 * slower here (4.3 vs 3.0 ms per request, docs/benchmarks.md).
 */
export const meili: Meilisearch = singleton("meilisearch", () => {
  const { meiliUrl, meiliApiKey } = getRuntime();
  return new Meilisearch({ host: meiliUrl, apiKey: meiliApiKey, timeout: 5_000 });
});

export async function searchEngineHealthy(): Promise<boolean> {
  try {
    const { status } = await meili.health();
    return status === "available";
  } catch {
    return false;
  }
}
