/**
 * The floor of `npm run bench:camp`: the least a server can do for one saved answer. It takes the
 * same HTTP request the test page sends (JSON body, over loopback) and makes one INSERT through a
 * node-postgres pool of the app's size (10 connections, the driver under the app's Prisma
 * adapter), then answers `{ ok, savedAt }`. No sign-in, no policy, no validation, no upsert.
 * Our save does everything this does and more: the ratio of the two is what our save path costs
 * (decision 085). Used only by the benchmark.
 */
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", async () => {
    try {
      const { attemptId, position, response } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const { rows } = await pool.query(`INSERT INTO "BenchFloorAnswer" ("attemptId", position, response) VALUES ($1, $2, $3) RETURNING "savedAt"`, [attemptId, position, JSON.stringify(response)]);
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify({ ok: true, savedAt: rows[0].savedAt }));
    } catch (error) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(error));
    }
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, "127.0.0.1", () => process.send?.({ ready: true, port: server.address().port }));
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
