import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { appendParagraph, paragraphs } from "../../tests/support/collab.ts";
import { buildDocument, buildStudio } from "../../tests/support/factories.ts";
import { bytes, compact, loadStoredState } from "./body-storage.server.ts";

function bodyOf(stored: Awaited<ReturnType<typeof loadStoredState>>): Y.Doc {
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

describe("stored document bodies", () => {
  it("load every edit even while a compaction folds the increments in", async () => {
    const studio = await buildStudio();
    const document = await buildDocument({ studio, createdBy: studio.leader });
    const writer = bodyOf(await loadStoredState(document.id));
    const written = paragraphs(writer);
    for (let round = 0; round < 25; round++) {
      // The collaboration worker appends one increment…
      const before = Y.encodeStateVector(writer);
      appendParagraph(writer, `第 ${round} 段`);
      written.push(`第 ${round} 段`);
      await prisma.documentUpdate.create({ data: { documentId: document.id, update: bytes(Y.encodeStateAsUpdate(writer, before)) } });
      // …while a page loads the body and the worker compacts at the same moment.
      const folded = await loadStoredState(document.id);
      const loads = Array.from({ length: 8 }, (_, i) => new Promise((wait) => setTimeout(wait, i)).then(() => loadStoredState(document.id)));
      const [loaded] = await Promise.all([
        Promise.all(loads),
        compact({ documentId: document.id, state: Y.encodeStateAsUpdate(bodyOf(folded)), watermark: folded!.watermark }),
      ]);
      for (const body of loaded) expect(paragraphs(bodyOf(body))).toEqual(written);
    }
  }, 120_000);
});
