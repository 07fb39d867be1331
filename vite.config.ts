import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import path from "node:path";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  plugins: [
    tailwindcss(),
    remix({
      ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  // Pre-bundle what the first dev page load needs, or Vite reloads the page mid-test.
  optimizeDeps: {
    include: [
      "socket.io-client",
      "i18next",
      "react-i18next",
      "remix-i18next/react",
      "@conform-to/react",
      "@conform-to/zod/v4",
      "zod",
      // Collaborative editor (app/collab/collab-editor.tsx, app/documents/editor).
      "yjs",
      "y-protocols/awareness",
      "y-protocols/sync",
      "lib0/decoding",
      "lib0/encoding",
      "lib0/observable",
      "@tiptap/core",
      "@tiptap/pm/state",
      "@tiptap/pm/view",
      "@tiptap/react",
      "@tiptap/starter-kit",
      "@tiptap/extension-collaboration",
      "@tiptap/extension-collaboration-caret",
      "@tiptap/extension-highlight",
      "@tiptap/extension-image",
      "@tiptap/extension-list",
      "@tiptap/extension-table",
      "@tiptap/extensions",
      "@tiptap/y-tiptap",
      "diff",
    ],
    // Server-only packages the dependency scanner reaches through routes' *.server imports.
    // The browser never loads them; excluding them stops a late re-optimisation and reload.
    exclude: [
      "@remix-run/node",
      "remix-i18next/server",
      "@prisma/adapter-pg",
      "@prisma/client",
      "rate-limiter-flexible",
      "meilisearch",
      "pg",
      "docx",
      "mammoth",
      "sanitize-html",
      "happy-dom",
      "@tiptap/html",
      "@tiptap/markdown",
      "image-size",
      "playwright-core",
    ],
  },
  build: {
    target: "es2022",
    rollupOptions: {
      // zod's comments confuse Rollup's annotation parser; harmless and not ours to fix.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules")) return;
        warn(warning);
      },
    },
  },
  server: { watch: { ignored: ["**/data/**", "**/.tmp/**"] } },
});
