import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { notifyDocument } from "./live-body.server.ts";
import type { CommentAnchor } from "./schemas.ts";

/**
 * Comment threads on a document. A thread starts on a text range (anchored with Yjs relative
 * positions, so it follows the text while people edit) or on the whole document; replies belong
 * to the thread; @姓名 notifies that person if they can read the document.
 */

const commentSelect = {
  id: true,
  body: true,
  anchor: true,
  quote: true,
  resolvedAt: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.CommentSelect;

export async function listThreads(documentId: string) {
  const threads = await prisma.comment.findMany({
    where: { documentId, parentId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...commentSelect,
      resolvedById: true,
      replies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: commentSelect },
    },
  });
  const resolverIds = [...new Set(threads.map((thread) => thread.resolvedById).filter((id): id is string => !!id))];
  const resolvers = new Map(
    (await prisma.user.findMany({ where: { id: { in: resolverIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );
  return threads.map(({ resolvedById, ...thread }) => ({ ...thread, resolvedBy: resolvedById ? (resolvers.get(resolvedById) ?? null) : null }));
}

/** People who can read the document: its studio's members and mentors (those a comment can mention). */
export async function mentionablePeople(documentId: string) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { studioId: true } });
  // Minutes (no studio) are mentioned on their meeting's page, among its invitees (decision 059).
  if (document.studioId === null) return [];
  return prisma.user.findMany({
    where: {
      active: true,
      OR: [
        { memberships: { some: { studioId: document.studioId } } },
        {
          mentor: {
            assignments: { some: { status: "ACCEPTED", direction: { studioId: document.studioId } } },
          },
        },
      ],
    },
    orderBy: [{ nameSortKey: "asc" }, { username: "asc" }],
    select: { id: true, name: true },
  });
}

/** Names mentioned as "@姓名" in a text, longest names first so "@王小雨" is not read as "@王小". */
export function findMentions(body: string, people: Array<{ id: string; name: string }>): string[] {
  const found = new Set<string>();
  let rest = body;
  for (const person of [...people].sort((a, b) => b.name.length - a.name.length)) {
    const token = `@${person.name}`;
    if (rest.includes(token)) {
      found.add(person.id);
      rest = rest.split(token).join(" ");
    }
  }
  return [...found];
}

export async function addComment(
  documentId: string,
  author: { id: string; name: string },
  input: { body: string; parentId?: string | null; anchor?: CommentAnchor | null; quote?: string | null },
) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
  let parent: { id: string; authorId: string; replies: Array<{ authorId: string }> } | null = null;
  if (input.parentId) {
    parent = await prisma.comment.findFirst({
      where: { id: input.parentId, documentId, parentId: null },
      select: { id: true, authorId: true, replies: { select: { authorId: true } } },
    });
    if (!parent) throw new UserError("documents.errors.threadNotFound", {}, { status: 400 });
  }
  const people = await mentionablePeople(documentId);
  const mentioned = findMentions(input.body, people);
  const participants = parent ? [parent.authorId, ...parent.replies.map((reply) => reply.authorId)] : [];
  const link = `/documents/${documentId}`;
  const deliver = await prisma.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: {
        documentId,
        authorId: author.id,
        parentId: parent?.id ?? null,
        body: input.body,
        anchor: parent ? undefined : ((input.anchor ?? undefined) as Prisma.InputJsonValue | undefined),
        quote: parent ? null : (input.quote ?? null),
      },
      select: { id: true },
    });
    // A reply reopens nothing by itself, but it tells the people in the thread.
    const notices = [
      ...mentioned.map((userId) => ({ userId, type: "documents.notices.mentioned", data: { title: document.title, by: author.name }, link })),
      ...[...new Set(participants)]
        .filter((userId) => !mentioned.includes(userId))
        .map((userId) => ({ userId, type: "documents.notices.replied", data: { title: document.title, by: author.name }, link })),
    ].filter((notice) => notice.userId !== author.id);
    return { comment, deliver: await createNotifications(tx, notices) };
  });
  deliver.deliver();
  notifyDocument(documentId, "comments");
  return deliver.comment;
}

export function findComment(commentId: string) {
  return prisma.comment.findUnique({ where: { id: commentId }, select: { id: true, documentId: true, authorId: true, parentId: true, resolvedAt: true } });
}

/** Resolve or reopen a thread (its first comment). */
export async function setResolved(commentId: string, userId: string, resolved: boolean) {
  const comment = await prisma.comment.findUniqueOrThrow({ where: { id: commentId }, select: { documentId: true, parentId: true } });
  const rootId = comment.parentId ?? commentId;
  await prisma.comment.update({
    where: { id: rootId },
    data: resolved ? { resolvedAt: new Date(), resolvedById: userId } : { resolvedAt: null, resolvedById: null },
  });
  notifyDocument(comment.documentId, "comments");
}

/** Deletes a comment (a thread's first comment takes its replies with it). */
export async function deleteComment(commentId: string) {
  const comment = await prisma.comment.delete({ where: { id: commentId }, select: { documentId: true } });
  notifyDocument(comment.documentId, "comments");
}
