import express, { type Express, type RequestHandler } from "express";

/** A JSON endpoint the server answers ahead of Remix: what it gets and what it replies. */
export interface JsonEndpoint {
  path: string;
  /** Larger bodies are refused (413) before they are read whole. */
  maxBytes: number;
  handle(input: { cookieHeader: string | null; body: unknown }): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * Mounts the app's few hot JSON endpoints (decision 100) as plain Express routes: no Fetch
 * Request, route ranking or response stream per request. Mounted after the origin check and the
 * security headers, which they keep, and after `before` (the 503 while the database is away). A body that is not JSON reaches the handler as null (its
 * own validation refuses it in Chinese).
 */
export function mountJsonEndpoints(app: Express, endpoints: readonly JsonEndpoint[], ...before: RequestHandler[]) {
  for (const endpoint of endpoints) {
    app.post(endpoint.path, ...before, express.text({ type: () => true, limit: endpoint.maxBytes }), async (req, res, next) => {
      try {
        const reply = await endpoint.handle({ cookieHeader: req.headers.cookie ?? null, body: parseJson(req.body) });
        res.status(reply.status).set("Cache-Control", "no-store").json(reply.body);
      } catch (error) {
        next(error);
      }
    });
  }
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
