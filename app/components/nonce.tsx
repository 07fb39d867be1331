import { createContext, useContext } from "react";

/**
 * This request's CSP nonce, for Remix's inline scripts (<Scripts>, <ScrollRestoration>). Provided
 * by entry.server; in the browser it is empty (browsers hide nonces from scripts anyway).
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
