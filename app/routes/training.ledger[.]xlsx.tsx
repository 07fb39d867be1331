import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadPersonAccess } from "~/training/access.server.ts";
import { exportLedger, type LedgerSlice } from "~/training/ledger-export.server.ts";

/**
 * The hours ledger as .xlsx: `?user=<id>` one person's (themself, their college admin, 学工部),
 * `?college=<id>` a college's (its admin, 学工部), neither: the school's (学工部); `?year=` narrows it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const userId = params.get("user");
  const collegeId = params.get("college");
  let slice: LedgerSlice;
  if (userId) {
    const { resource } = await loadPersonAccess(user, userId);
    authorize(user, "training:view-ledger", resource);
    slice = { kind: "person", userId };
  } else if (collegeId) {
    authorize(user, "training:view-scope", { kind: "college", collegeId });
    slice = { kind: "college", collegeId };
  } else {
    authorize(user, "training:view-scope", { kind: "school" });
    slice = { kind: "school" };
  }
  const year = Number(params.get("year"));
  const body = await exportLedger(user, slice, Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {});
  return fileResponse(body, { type: XLSX_TYPE, fileName: "学时台账.xlsx", fallbackName: "training-ledger.xlsx" });
}
