import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type { Browser, LaunchOptions } from "playwright-core";
import { extract } from "tar-fs";

/**
 * The one way to find a Chromium, for PDF export and for the browser tests alike (decision 008):
 * `CHROMIUM_PATH` when set; else a system Chromium or Chrome; else the Chromium that ships inside
 * the npm package `@sparticuz/chromium`, unpacked once into the temp directory.
 */
export type ChromiumSource = "configured" | "system" | "bundled";

export interface ChromiumExecutable {
  executablePath: string;
  source: ChromiumSource;
  /** Extra environment for the browser process (a font configuration where the system has none). */
  env: Record<string, string>;
}

/** `CHROMIUM_PATH` names a file that does not exist: the administrator asked for that browser. */
export class ChromiumNotFoundError extends Error {
  override name = "ChromiumNotFoundError";
  constructor(readonly configuredPath: string) {
    super(`CHROMIUM_PATH 指向的浏览器不存在：${configuredPath}`);
  }
}

const SYSTEM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** Flags every launch uses: headless on a server, nothing phoning home, no sandbox (CI runs as root). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function systemChromium(): string | null {
  return SYSTEM_CANDIDATES.find((candidate) => isExecutable(candidate)) ?? null;
}

export async function findChromium(env: Record<string, string | undefined> = process.env): Promise<ChromiumExecutable> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutable(configured)) throw new ChromiumNotFoundError(configured);
    return { executablePath: configured, source: "configured", env: {} };
  }
  const system = systemChromium();
  if (system) return { executablePath: system, source: "system", env: {} };
  return bundledChromium();
}

export async function launchChromium(options: LaunchOptions = {}, executable?: ChromiumExecutable): Promise<Browser> {
  const { executablePath, env } = executable ?? (await findChromium());
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    ...options,
    executablePath,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    env: { ...process.env, ...env, ...options.env },
  });
}

// ───────────────────────── the npm-shipped browser ─────────────────────────

const require = createRequire(import.meta.url);
const PACKAGE = "@sparticuz/chromium";

/**
 * The package's browser, unpacked into `<tmp>/fudao-chromium-<version>/`. Several processes may
 * start at once (the test runner's workers, two app instances): each unpacks into a private
 * staging directory and renames it into place; the first rename wins and the others discard
 * theirs, so nobody ever launches a half-written binary.
 */
export async function bundledChromium(): Promise<ChromiumExecutable> {
  const { packageDir, version } = packageRoot();
  const target = path.join(os.tmpdir(), `fudao-chromium-${version}`);
  if (!isComplete(target)) await unpackInto(target, path.join(packageDir, "bin"));
  return {
    executablePath: path.join(target, "chromium"),
    source: "bundled",
    env: systemHasFontConfig() ? {} : { FONTCONFIG_PATH: path.join(target, "fontconfig") },
  };
}

/** The package exports only its entry point; its root is the nearest folder with its package.json. */
function packageRoot(): { packageDir: string; version: string } {
  for (let dir = path.dirname(require.resolve(PACKAGE)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (!fs.existsSync(manifest)) continue;
    const { name, version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version: string };
    if (name === PACKAGE) return { packageDir: dir, version };
  }
  throw new Error(`${PACKAGE} 的安装不完整，请重新运行 npm install。`);
}

const COMPLETE_MARKER = ".complete";

function isComplete(dir: string): boolean {
  return fs.existsSync(path.join(dir, COMPLETE_MARKER)) && isExecutable(path.join(dir, "chromium"));
}

async function unpackInto(target: string, binDir: string): Promise<void> {
  const staging = fs.mkdtempSync(`${target}.staging-`);
  try {
    await pipeline(
      fs.createReadStream(path.join(binDir, "chromium.br")),
      zlib.createBrotliDecompress(),
      fs.createWriteStream(path.join(staging, "chromium"), { mode: 0o755 }),
    );
    // A few Latin fonts and a font configuration, for machines without fontconfig's own.
    await pipeline(fs.createReadStream(path.join(binDir, "fonts.tar.br")), zlib.createBrotliDecompress(), extract(staging));
    fs.mkdirSync(path.join(staging, "fontconfig"));
    fs.writeFileSync(
      path.join(staging, "fontconfig", "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(target, "fonts")}</dir>\n  <cachedir>${path.join(target, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    fs.writeFileSync(path.join(staging, COMPLETE_MARKER), "");
    // A leftover that is not complete (a crash, a cleaned temp directory) is moved aside first.
    if (fs.existsSync(target) && !isComplete(target)) {
      try {
        fs.renameSync(target, `${target}.stale-${process.pid}-${Date.now()}`);
      } catch {
        // Another process moved it first.
      }
    }
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      if (!isComplete(target)) throw error;
      // Another process finished first: its copy is as good as ours.
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  removeLeftovers(target);
}

/** Staging and stale directories older than an hour belong to processes that are gone. */
function removeLeftovers(target: string): void {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function systemHasFontConfig(): boolean {
  return Boolean(process.env.FONTCONFIG_PATH || process.env.FONTCONFIG_FILE) || fs.existsSync("/etc/fonts/fonts.conf");
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
