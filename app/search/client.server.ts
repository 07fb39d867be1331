import { Meilisearch } from "meilisearch";
import { Agent } from "undici";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";

/**
 * The process's Meilisearch client. Searches are POST requests, and with Node's own fetch each
 * one waited ~40 ms for the body to be acknowledged (measured: p50 47.9 ms vs 6.3 ms); an undici
 * Agent without pipelining sends request and body together (docs/decisions/044-meilisearch-client.md).
 * (The foundation had measured GET requests, where the two were close.)
 */
export function meiliClient(host: string, apiKey: string, timeout = 5_000): Meilisearch {
  return new Meilisearch({ host, apiKey, timeout, requestInit: { dispatcher: meiliAgent() } as RequestInit });
}

function meiliAgent(): Agent {
  return singleton("meilisearchAgent", () => new Agent({ pipelining: 0, keepAliveTimeout: 10_000 }));
}

export const meili: Meilisearch = singleton("meilisearch", () => {
  const { meiliUrl, meiliApiKey } = getRuntime();
  return meiliClient(meiliUrl, meiliApiKey);
});

export async function searchEngineHealthy(): Promise<boolean> {
  try {
    const { status } = await meili.health();
    return status === "available";
  } catch {
    return false;
  }
}
