/** What the custom server (app/composition/http-server.server.ts) hands every loader, action and the entry. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This request's Content-Security-Policy nonce (production; absent in development). */
    cspNonce?: string;
  }
}

export {};
