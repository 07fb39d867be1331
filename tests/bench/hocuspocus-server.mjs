/**
 * The comparison server of `npm run bench:collab`: @hocuspocus/server (Tiptap's own collaboration
 * server) in its own process, default configuration, documents in memory. Plain JavaScript on
 * plain Node, like our built collaboration worker, so neither pays for a TypeScript loader.
 * Reports its port to the parent over IPC. Used only by the benchmark.
 */
import { Server } from "@hocuspocus/server";

const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, stopOnSignals: true });
await server.listen();
process.send?.({ ready: true, port: server.address.port });
