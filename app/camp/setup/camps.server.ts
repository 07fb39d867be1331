import { prisma, type Db } from "~/db/client.server.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import type { CampStatus, Prisma } from "~/generated/prisma/client.ts";
import { UserError } from "~/lib/user-error.ts";
import { claimVersion, edited, type EditedFields } from "~/lib/versioned.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { validateIdentificationRule } from "../identification.ts";
import { validateRoundSettings, type RoundSettings } from "../results.ts";
import { builtInTemplate, copyRubric } from "./rubrics.server.ts";
import { CUT_KINDS, JUDGED_KINDS, ROUND_KINDS, TIMED_KINDS, type CampInput, type RoundKind, type RoundSettingsInput } from "./schemas.ts";

/**
 * Creating and changing a camp (issue 20 §1): its basics, its four rounds with their weights,
 * schedule and settings, the cut between rounds and its organisers. A camp is set up freely while
 * it is a draft; once open only the basics, the organisers and the rounds' schedule may change.
 */

/** results.ts names the rounds by its own keys. */
const RESULTS_KEY = { KNOWLEDGE_TEST: "TEST", IDENTIFICATION: "IDENTIFICATION", CASE_STUDY: "CASE", TALK: "TALK" } as const;
const field = (kind: RoundKind, name: string) => `rounds.${kind}.${name}`;

/** The refusals of round settings the zod schema cannot see (they depend on the kind or on other rounds); the first one, at its field. */
export function checkRounds(rounds: CampInput["rounds"]): void {
  const settings = Object.fromEntries(ROUND_KINDS.map((kind) => [RESULTS_KEY[kind], { enabled: rounds[kind].enabled, weight: rounds[kind].weight }])) as RoundSettings;
  const [general] = validateRoundSettings(settings);
  if (general) throw new UserError(general.key, general.params, { status: 400 });
  ROUND_KINDS.forEach((kind, position) => {
    const round = rounds[kind];
    if (!round.enabled) return;
    if (round.weight <= 0) throw new UserError("camp.setup.errors.zeroWeight", {}, { status: 400, field: field(kind, "weight") });
    if (TIMED_KINDS.includes(kind) && round.durationMinutes === undefined) throw new UserError("camp.setup.errors.durationRequired", {}, { status: 400, field: field(kind, "durationMinutes") });
    if (kind === "IDENTIFICATION") {
      if (round.photosPerPerson === undefined) throw new UserError("camp.setup.errors.photosRequired", {}, { status: 400, field: field(kind, "photosPerPerson") });
      const [bad] = validateIdentificationRule({ namePoints: round.namePoints, classPoints: round.classPoints, dormPoints: round.dormPoints, wrongNameZeroes: true });
      if (bad) throw new UserError(bad.key, bad.params, { status: 400, field: field(kind, "namePoints") });
    }
    if (JUDGED_KINDS.includes(kind)) {
      if (round.judgesPerContestant === undefined) throw new UserError("camp.setup.errors.judgesRequired", {}, { status: 400, field: field(kind, "judgesPerContestant") });
      if (round.disagreementTolerance === undefined) throw new UserError("camp.setup.errors.badTolerance", {}, { status: 400, field: field(kind, "disagreementTolerance") });
    }
    if (round.cutFrom !== undefined || round.cutTop !== undefined) {
      if (!CUT_KINDS.includes(kind)) throw new UserError("camp.setup.errors.cutOnlyJudged", {}, { status: 400, field: field(kind, "cutFrom") });
      if (round.cutFrom === undefined || round.cutTop === undefined) throw new UserError("camp.setup.errors.cutIncomplete", {}, { status: 400, field: field(kind, "cutTop") });
      const from = ROUND_KINDS.indexOf(round.cutFrom);
      if (from >= position || !rounds[round.cutFrom].enabled) throw new UserError("camp.setup.errors.cutFromEarlier", {}, { status: 400, field: field(kind, "cutFrom") });
    }
  });
}

/** The columns of one round from its settings; what does not apply to its kind is left empty. */
function roundColumns(kind: RoundKind, round: RoundSettingsInput) {
  const judged = JUDGED_KINDS.includes(kind);
  return {
    enabled: round.enabled,
    weight: round.weight,
    durationMinutes: TIMED_KINDS.includes(kind) ? (round.durationMinutes ?? null) : null,
    multipleChoiceRule: round.multipleChoiceRule,
    photosPerPerson: kind === "IDENTIFICATION" ? (round.photosPerPerson ?? null) : null,
    decoysPerPerson: kind === "IDENTIFICATION" ? (round.decoysPerPerson ?? 0) : null,
    scoringRule: judged ? round.scoringRule : null,
    judgesPerContestant: judged ? (round.judgesPerContestant ?? null) : null,
    disagreementTolerance: judged ? (round.disagreementTolerance ?? null) : null,
    cutTop: CUT_KINDS.includes(kind) && round.cutFrom ? (round.cutTop ?? null) : null,
  };
}

/** 人物辨识's points per fact, as the schema's comment on CampRound.identificationPoints says: { name, className, dorm }. */
const identificationPoints = (round: RoundSettingsInput) => ({ name: round.namePoints, className: round.classPoints, dorm: round.dormPoints });

/** Organisers are named by 工号; an unknown one is refused at the field. */
async function organiserIds(db: Db, usernames: readonly string[]): Promise<string[]> {
  if (!usernames.length) return [];
  const found = await db.user.findMany({ where: { username: { in: [...usernames] }, active: true }, select: { id: true, username: true } });
  const known = new Set(found.map((u) => u.username));
  const unknown = usernames.filter((u) => !known.has(u));
  if (unknown.length) throw new UserError("camp.setup.errors.unknownPeople", { names: unknown.join("、") }, { status: 400, field: "organisers" });
  return [...new Set(found.map((u) => u.id))];
}

/** Sets the cut columns once every round of the camp exists (the source is another round's id). */
async function writeCuts(tx: Db, campId: string, rounds: CampInput["rounds"]) {
  const ids = new Map((await tx.campRound.findMany({ where: { campId }, select: { id: true, kind: true } })).map((r) => [r.kind, r.id]));
  for (const kind of ROUND_KINDS) {
    const from = rounds[kind].cutFrom;
    await tx.campRound.update({ where: { campId_kind: { campId, kind } }, data: { cutFromRoundId: CUT_KINDS.includes(kind) && from ? ids.get(from)! : null } });
  }
}

/** A new camp (a draft): its four rounds, a copy of the built-in rubric for each judged round, its organisers. */
export async function createCamp(input: CampInput, actorId: string): Promise<{ id: string }> {
  checkRounds(input.rounds);
  return prisma.$transaction(async (tx) => {
    const organisers = await organiserIds(tx, input.organisers);
    const camp = await tx.camp.create({
      data: {
        title: input.title,
        year: input.year,
        description: input.description,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        createdById: actorId,
        organisers: { create: organisers.map((userId) => ({ userId })) },
      },
      select: { id: true },
    });
    for (const [position, kind] of ROUND_KINDS.entries()) {
      const round = input.rounds[kind];
      const rubricId = JUDGED_KINDS.includes(kind) ? await copyRubric(tx, await builtInTemplate(tx, kind as "CASE_STUDY" | "TALK")) : null;
      await tx.campRound.create({
        data: {
          campId: camp.id,
          kind,
          position: position + 1,
          ...roundColumns(kind, round),
          opensAt: round.opensAt ?? null,
          closesAt: round.closesAt ?? null,
          ...(kind === "IDENTIFICATION" ? { identificationPoints: identificationPoints(round) } : {}),
          rubricId,
        },
      });
    }
    await writeCuts(tx, camp.id, input.rounds);
    await recordAudit(tx, { actorId, action: "camp.create", entityType: "Camp", entityId: camp.id, data: { title: input.title, year: input.year } });
    return camp;
  });
}

/** What of a round may not change once the camp is open: everything but its schedule. */
function fixedPart(kind: RoundKind, round: RoundSettingsInput): string {
  return JSON.stringify({ ...roundColumns(kind, round), cutFrom: CUT_KINDS.includes(kind) ? (round.cutFrom ?? null) : null, points: kind === "IDENTIFICATION" ? identificationPoints(round) : null });
}

/**
 * A camp's form made against an older version of it (`version`) is refused with what differs: the
 * basics, the organisers, and each round whose settings differ (shown by its schedule) (decision 095).
 */
async function claimCamp(tx: Db, campId: string, input: CampInput) {
  const when = (date: Date | undefined) => (date ? formatDateTime(date, "zh-CN") : "—");
  const round = (kind: RoundKind, settings: RoundSettingsInput) => ({ fixed: fixedPart(kind, settings), opensAt: settings.opensAt?.getTime() ?? null, closesAt: settings.closesAt?.getTime() ?? null });
  const shownRound = (settings: RoundSettingsInput) => `${when(settings.opensAt)} – ${when(settings.closesAt)}`;
  const fields: EditedFields = {
    title: edited("camp.setup.form.campTitle", input.title),
    year: edited("camp.setup.form.year", input.year),
    startsOn: edited("camp.setup.form.startsOn", input.startsOn),
    endsOn: edited("camp.setup.form.endsOn", input.endsOn),
    description: edited("camp.setup.form.description", input.description),
    organisers: edited("camp.setup.form.organisers", [...input.organisers].sort()),
  };
  for (const kind of ROUND_KINDS) fields[kind] = { label: `campRoundKind.${kind}`, yours: round(kind, input.rounds[kind]), show: () => shownRound(input.rounds[kind]) };
  let stored: CampInput | null = null;
  await claimVersion(input.version, {
    claim: (updatedAt) => tx.camp.updateMany({ where: { id: campId, updatedAt }, data: { updatedAt: new Date() } }),
    current: async () => {
      const row = await tx.camp.findUnique({ where: { id: campId }, select: { updatedAt: true } });
      if (!row) return null;
      stored = await campInput(campId, tx);
      const rounds = Object.fromEntries(ROUND_KINDS.map((kind) => [kind, round(kind, stored!.rounds[kind])]));
      return { ...stored, ...rounds, organisers: [...stored.organisers].sort(), updatedAt: row.updatedAt };
    },
    fields: Object.fromEntries(
      Object.entries(fields).map(([name, field]) =>
        // A round's stored value reads as its stored schedule.
        ROUND_KINDS.includes(name as RoundKind) ? [name, { ...field, show: (value: unknown) => (value === field.yours ? field.show!(value) : shownRound(stored!.rounds[name as RoundKind])) }] : [name, field],
      ),
    ),
  });
}

/** Changes a camp: everything while a draft; once open, the basics, organisers and the rounds' schedule only. */
export async function updateCamp(campId: string, input: CampInput, actorId: string): Promise<void> {
  checkRounds(input.rounds);
  await prisma.$transaction(async (tx) => {
    const [camp] = await tx.$queryRaw<Array<{ status: CampStatus }>>`SELECT status FROM "Camp" WHERE id = ${campId} FOR UPDATE`;
    if (!camp) throw new Response("Not Found", { status: 404 });
    if (camp.status !== "DRAFT" && camp.status !== "OPEN") throw new UserError("camp.setup.errors.notEditable");
    await claimCamp(tx, campId, input);
    if (camp.status === "OPEN") {
      const stored = await campInput(campId, tx);
      const changed = ROUND_KINDS.filter((kind) => fixedPart(kind, stored.rounds[kind]) !== fixedPart(kind, input.rounds[kind]));
      if (changed.length) throw new UserError("camp.setup.errors.roundsFixed", {}, { status: 409 });
    }
    const organisers = await organiserIds(tx, input.organisers);
    await tx.camp.update({
      where: { id: campId },
      data: { title: input.title, year: input.year, description: input.description, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null },
    });
    await tx.campOrganiser.deleteMany({ where: { campId, userId: { notIn: organisers } } });
    await tx.campOrganiser.createMany({ data: organisers.map((userId) => ({ campId, userId })), skipDuplicates: true });
    for (const kind of ROUND_KINDS) {
      const round = input.rounds[kind];
      const schedule = { opensAt: round.opensAt ?? null, closesAt: round.closesAt ?? null };
      const data: Prisma.CampRoundUpdateInput =
        camp.status === "OPEN" ? schedule : { ...schedule, ...roundColumns(kind, round), ...(kind === "IDENTIFICATION" ? { identificationPoints: identificationPoints(round) } : {}) };
      await tx.campRound.update({ where: { campId_kind: { campId, kind } }, data });
    }
    if (camp.status === "DRAFT") await writeCuts(tx, campId, input.rounds);
    await recordAudit(tx, { actorId, action: "camp.update", entityType: "Camp", entityId: campId, data: { title: input.title, status: camp.status } });
  });
}

/** A camp as its form's values (the edit page; and what "changed" is measured against). */
export async function campInput(campId: string, db: Db = prisma): Promise<CampInput> {
  const camp = await db.camp.findUnique({
    where: { id: campId },
    select: {
      title: true,
      year: true,
      description: true,
      startsOn: true,
      endsOn: true,
      organisers: { select: { user: { select: { username: true } } }, orderBy: { userId: "asc" } },
      rounds: { orderBy: { position: "asc" } },
    },
  });
  if (!camp) throw new Response("Not Found", { status: 404 });
  const kindOf = new Map(camp.rounds.map((r) => [r.id, r.kind as RoundKind]));
  const rounds = Object.fromEntries(
    camp.rounds.map((r) => {
      const points = (r.identificationPoints ?? {}) as { name?: number; className?: number; dorm?: number };
      const settings: RoundSettingsInput = {
        enabled: r.enabled,
        weight: Number(r.weight),
        opensAt: r.opensAt ?? undefined,
        closesAt: r.closesAt ?? undefined,
        durationMinutes: r.durationMinutes ?? undefined,
        multipleChoiceRule: r.multipleChoiceRule,
        photosPerPerson: r.photosPerPerson ?? undefined,
        decoysPerPerson: r.decoysPerPerson ?? undefined,
        namePoints: points.name ?? 3,
        classPoints: points.className ?? 1,
        dormPoints: points.dorm ?? 1,
        scoringRule: r.scoringRule ?? "TRIMMED_MEAN",
        judgesPerContestant: r.judgesPerContestant ?? undefined,
        disagreementTolerance: r.disagreementTolerance === null ? undefined : Number(r.disagreementTolerance),
        cutFrom: r.cutFromRoundId ? kindOf.get(r.cutFromRoundId) : undefined,
        cutTop: r.cutTop ?? undefined,
      };
      return [r.kind, settings];
    }),
  ) as CampInput["rounds"];
  return {
    title: camp.title,
    year: camp.year,
    description: camp.description,
    startsOn: camp.startsOn ?? undefined,
    endsOn: camp.endsOn ?? undefined,
    organisers: camp.organisers.map((o) => o.user.username),
    rounds,
  };
}

/** The camp's name and state, for the headings of its set-up pages. */
export async function campHeading(campId: string) {
  const camp = await prisma.camp.findUnique({ where: { id: campId }, select: { id: true, title: true, status: true, updatedAt: true } });
  if (!camp) throw new Response("Not Found", { status: 404 });
  const { updatedAt, ...heading } = camp;
  // The version the edit form carries (decision 095).
  return { ...heading, version: updatedAt.toISOString() };
}
