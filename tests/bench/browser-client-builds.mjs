/**
 * Loaded with `--import` by bench:collab: the simulated clients run the builds of socket.io's
 * client packages that browsers get. Their Node entry points are the "-debug" builds, which
 * call `debug(...)` on every packet sent and received; with 200 clients in one process that
 * tracing is paid 4,000 times a second and delays every measured arrival. The production builds
 * are the same code without those calls.
 */
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

// Hooks run on Node's loader thread; this module registers itself from the main thread.
if (isMainThread) register(import.meta.url);

const DEBUG_BUILD = /\/node_modules\/(socket\.io-client|engine\.io-client|socket\.io-parser)\/build\/esm-debug\//;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  return DEBUG_BUILD.test(resolved.url) ? { ...resolved, url: resolved.url.replace("/build/esm-debug/", "/build/esm/") } : resolved;
}
