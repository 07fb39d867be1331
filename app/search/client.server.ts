import { Meilisearch } from "meilisearch";
import { Agent } from "undici";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";

/**
 * The process's Meilisearch client. Node's fetch added ~40 ms per request against Meilisearch
 * here; a keep-alive undici Agent without pipelining brings that to a few ms.
 */
export const meili: Meilisearch = singleton("meilisearch", () => {
  const { meiliUrl, meiliApiKey } = getRuntime();
  return new Meilisearch({
    host: meiliUrl,
    apiKey: meiliApiKey,
    timeout: 5_000,
    requestInit: { dispatcher: new Agent({ pipelining: 0, keepAliveTimeout: 30_000 }) } as RequestInit,
  });
});

export async function searchEngineHealthy(): Promise<boolean> {
  try {
    const { status } = await meili.health();
    return status === "available";
  } catch {
    return false;
  }
}
