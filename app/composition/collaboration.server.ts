import { attachCollab, collabLiveBodies, serveCollab } from "~/collab/collab-socket.server.ts";
import { COLLAB_PATH } from "~/collab/protocol.ts";
import { liveBodyHandlers } from "~/documents/live-body-handlers.server.ts";
import { accessDecisions, connectLiveBodies } from "~/documents/live-body.server.ts";
import type { SocketFeature } from "~/realtime/socket-server.server.ts";

/**
 * The one place documents and the collaboration worker meet (decision 052). The worker asks
 * documents' handlers (admission through the policy, loading, saving, automatic versions);
 * documents reach the live bodies through the worker's supervisor. Neither imports the other's
 * code. Idempotent: the server calls it through the socket feature, tests call it directly.
 */
export function connectCollaboration(): void {
  serveCollab({ ...liveBodyHandlers, reaccess: ({ documentId, connections }) => accessDecisions(documentId, connections) });
  connectLiveBodies(collabLiveBodies);
}

/** The collaboration channel on the app's port: its connections are handed to the worker. */
export const collaborationSocket: SocketFeature = {
  upgradePath: `${COLLAB_PATH}/`,
  attach(_io, httpServer) {
    connectCollaboration();
    attachCollab(httpServer);
  },
};
