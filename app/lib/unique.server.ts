import { Prisma } from "~/generated/prisma/client.ts";
import { UserError } from "./user-error.ts";

/**
 * Unique names and codes (decision 094). A service checks a name before writing it, so the person
 * reads "已有名为 … 的工作室"; two people saving the same name at the same moment both pass that
 * check and the database's unique index stops the second (P2002). `uniquely` turns that violation
 * into the same refusal the check gives, so a race answers 409 like the sequential case, never 500.
 *
 *   await uniquely(prisma.$transaction(…), { name: () => new UserError("studios.errors.nameTaken", { name }) });
 *
 * Wrap the whole transaction: PostgreSQL aborts a transaction at the violation, so it cannot be
 * caught inside. A violation no mapping names reaches intentAction, which answers the generic
 * "kit.notUnique" (409).
 */
export type UniqueRefusals = Partial<Record<string, () => UserError>>;

/** What a unique violation names: the columns (Prisma's engine) or the index (the driver adapter). */
export interface UniqueViolation {
  columns: string[] | null;
  index: string | null;
  table: string | null;
}

/** The violated index of a P2002, or null when the error is not a unique violation. */
export function uniqueViolation(error: unknown): UniqueViolation | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const meta = (error.meta ?? {}) as {
    target?: unknown;
    modelName?: unknown;
    driverAdapterError?: {
      cause?: {
        table?: unknown;
        constraint?: { fields?: unknown; index?: unknown };
      };
    };
  };
  // Prisma's own engine names the columns in `target`; the driver adapter (node-postgres) names the
  // index ("Studio_name_key") and its table in the adapter error's cause.
  const cause = meta.driverAdapterError?.cause;
  const fields = Array.isArray(meta.target) ? meta.target : Array.isArray(cause?.constraint?.fields) ? cause.constraint.fields : null;
  return {
    columns: fields ? fields.map((field) => String(field).replace(/^"|"$/g, "")) : null,
    index: typeof cause?.constraint?.index === "string" ? cause.constraint.index : typeof meta.target === "string" ? meta.target : null,
    table: typeof cause?.table === "string" ? cause.table : typeof meta.modelName === "string" ? meta.modelName : null,
  };
}

/** Whether the violated index is the one on `key`'s columns ("name", "studioId,name", in the schema's order). */
function matches(violated: UniqueViolation, key: string): boolean {
  const wanted = key.split(",").map((part) => part.trim());
  if (violated.columns) return violated.columns.length === wanted.length && wanted.every((column) => violated.columns!.includes(column));
  // Prisma names a unique index <Table>_<columns joined by _>_key.
  return violated.index !== null && violated.index === `${violated.table}_${wanted.join("_")}_key`;
}

/**
 * Runs `work` and turns a unique violation of one of the named indexes (key: its columns joined by
 * commas, "name" or "studioId,name") into that refusal; anything else is rethrown as it was.
 */
export async function uniquely<T>(work: Promise<T>, refusals: UniqueRefusals): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const violated = uniqueViolation(error);
    if (!violated) throw error;
    for (const [key, refusal] of Object.entries(refusals)) {
      if (refusal && matches(violated, key)) throw refusal();
    }
    throw error;
  }
}

/** The generic refusal for a violation no service mapped (intentAction's last resort). */
export function notUniqueError(): UserError {
  return new UserError("kit.notUnique");
}
