// Only `prisma dev` (Prisma's local Postgres) imports this package; Fudao Studio runs its own
// PostgreSQL and never calls it. The real package requires Node 22, so on Node 20 `npm install`
// warned about it (decision 093).
export async function startLocalDurableStreamsServer() {
  throw new Error("Fudao Studio does not use `prisma dev`; its local streams runtime is not installed (decision 093).");
}
