// pino-roll ships no types; what we call (app/observability/logger.server.ts).
declare module "pino-roll" {
  import type { DestinationStream } from "pino";
  interface RollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    symlink?: boolean;
    mkdir?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    sync?: boolean;
  }
  export default function roll(options: RollOptions): Promise<DestinationStream & { end(): void; flushSync(): void }>;
}
