/**
 * Fudao Studio's one server entry: `npm start` (production) or `npm run dev` (Vite + HMR).
 * NODE_ENV must be settled before React and Remix load, so everything else is imported after.
 */
const dev = process.argv.includes("--dev");
process.env.NODE_ENV = dev ? "development" : "production";

const { runServer, explainStartFailure } = await import("./app/composition/http-server.server.ts");
try {
  await runServer({ dev });
} catch (error) {
  // An expected refusal (the data directory is in use, a bad setting…) is one line that says
  // what to do; anything else keeps its stack trace.
  const explained = explainStartFailure(error);
  console.error(explained ? `[fudao] ${explained}` : error);
  process.exit(1);
}

export {};
