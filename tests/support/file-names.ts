/**
 * File names people give files, which every upload must take and give back unchanged: ";" and "="
 * (which broke Remix's multipart parser), quotes of both kinds, emoji, and 200 Chinese characters.
 * `ext` is appended by each test (the routes decide by extension).
 */
export const HARD_FILE_NAMES = [
  "会议纪要;第2版=终稿",
  'a=b; filename="evil.exe"',
  "“心晴”工作室 \"定稿\" 😀",
  "it's (final) 100% done",
  "辅".repeat(200),
];
