/** Small display helpers the training pages share (browser and server). */

/** A platform's name in the page's language (platforms are rows the admin extends, with both names). */
export const platformName = (platform: { nameZh: string; nameEn: string }, language: string) => (language.startsWith("zh") ? platform.nameZh : platform.nameEn);

/** A `datetime-local` value in school time (UTC+8 all year), as the forms read it back (schemas.ts `schoolInstant`). */
export function schoolLocalInput(date: Date | string | null | undefined): string {
  if (!date) return "";
  return new Date(new Date(date).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}
