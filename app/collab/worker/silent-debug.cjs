"use strict";
/**
 * Stands in for the `debug` package in the collaboration worker's production bundle
 * (build.server.ts). engine.io and socket.io call `debug(...)` on every packet; the real function
 * collects its arguments into an array before it checks whether tracing is on, which made 6 % of
 * the worker's allocations under load (heap sampling at 200 clients). Tracing with DEBUG=engine*
 * still works when the worker runs from source (development and tests).
 */
const silent = Object.assign(() => {}, { enabled: false, namespace: "", log() {}, destroy() {} });
silent.extend = () => silent;

function createDebug() {
  return silent;
}
createDebug.debug = createDebug;
createDebug.default = createDebug;
createDebug.enable = () => {};
createDebug.disable = () => "";
createDebug.enabled = () => false;

module.exports = createDebug;
