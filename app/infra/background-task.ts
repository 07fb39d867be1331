/**
 * Work that runs beside request handling (e.g. draining the search outbox, compacting document
 * updates). Started once the server listens; stopped on shutdown after HTTP is closed and
 * before the database goes away, so a task can flush what it holds. Features export one; the
 * list is `TASKS` in app/composition/background.server.ts.
 */
export interface BackgroundTask {
  name: string;
  start(log: (line: string) => void): Promise<void> | void;
  stop(): Promise<void> | void;
}
