/**
 * The client's address for rate limiting. The custom server passes it in a header it sets itself
 * (overwriting anything the client sent), honouring X-Forwarded-For only when TRUST_PROXY is set.
 */
export const CLIENT_ADDRESS_HEADER = "x-fudao-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
