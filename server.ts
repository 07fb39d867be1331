/**
 * Fudao Studio's one server entry: `npm start` (production) or `npm run dev` (Vite + HMR).
 * NODE_ENV must be settled before React and Remix load, so everything else is imported after.
 */
const dev = process.argv.includes("--dev");
process.env.NODE_ENV = dev ? "development" : "production";

const { runServer } = await import("./app/composition/http-server.server.ts");
await runServer({ dev });

export {};
