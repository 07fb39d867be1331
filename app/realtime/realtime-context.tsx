import { createContext, useContext, useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";

interface RealtimeState {
  socket: Socket | null;
  connected: boolean;
  /** The server ended this sign-in (signed out elsewhere, password changed or reset, account disabled). */
  sessionEnded: boolean;
}

const RealtimeContext = createContext<RealtimeState>({ socket: null, connected: false, sessionEnded: false });

/**
 * One socket.io connection per signed-in browser tab, authenticated by the session cookie in the
 * handshake. Features subscribe through useRealtime(). Created in an effect (not during render)
 * so React StrictMode's double effects do not leave a dead socket behind.
 */
export function RealtimeProvider({ userId, children }: { userId: string; children: React.ReactNode }) {
  const [state, setState] = useState<RealtimeState>({ socket: null, connected: false, sessionEnded: false });
  useEffect(() => {
    // WebSocket only, as the co-editing socket: one connection held to one app instance, so
    // several instances behind a load balancer need no sticky sessions (decision 110).
    const socket = io({ path: "/socket.io", withCredentials: true, transports: ["websocket"] });
    let sessionEnded = false;
    const update = () => setState({ socket, connected: socket.connected, sessionEnded });
    const ended = () => {
      sessionEnded = true;
      update();
    };
    socket.on("connect", update);
    socket.on("disconnect", update);
    socket.on("session-ended", ended);
    update();
    return () => {
      socket.off("connect", update);
      socket.off("disconnect", update);
      socket.off("session-ended", ended);
      socket.disconnect();
    };
  }, [userId]);
  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeState {
  return useContext(RealtimeContext);
}
