import pg from "pg";

/**
 * A last resort (decision 090): a node-postgres client whose connection dies while nobody listens
 * for its errors — e.g. a pool's client between two queries of a library, or a connection a
 * module forgot to guard — emits an 'error' event that ends the whole process ("Unhandled 'error'
 * event", `57P01` when the database stops). Every connection we open has its own handler and
 * reconnects; this makes the ones we do not see log the error instead. Whoever uses that client
 * still gets the error from its next query. Installed once per process (app and collaboration worker).
 */
export function guardUnhandledPgErrors(log: (line: string) => void): void {
  const proto = pg.Client.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean; __fudaoGuarded?: boolean };
  if (proto.__fudaoGuarded) return;
  proto.__fudaoGuarded = true;
  const emit = proto.emit;
  proto.emit = function (this: pg.Client, event: string | symbol, ...args: unknown[]) {
    if (event === "error" && this.listenerCount("error") === 0) {
      const error = args[0] as { message?: string; code?: string } | undefined;
      log(`数据库连接已断开（${error?.code ?? ""}${error?.code ? " " : ""}${error?.message ?? String(error)}），将自动重新连接。`);
      return false;
    }
    return emit.call(this, event, ...args);
  };
}
