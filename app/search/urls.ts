/**
 * Where a hit leads. Kept in one place so the pages other features own (studios, people,
 * documents) can be linked without the search knowing more about them.
 */
export const searchUrls = {
  document: (id: string) => `/documents/${id}`,
  studio: (id: string) => `/studios/${id}`,
  person: (id: string) => `/people/${id}`,
  output: (id: string, studioId: string) => `/studios/${studioId}#output-${id}`,
  course: (id: string) => `/training/courses/${id}`,
  meeting: (id: string) => `/meetings/${id}`,
  /** The results page, optionally within one studio (the studio page links here). */
  searchInStudio: (studioId: string, q = "") => `/search?studio=${encodeURIComponent(studioId)}${q ? `&q=${encodeURIComponent(q)}` : ""}`,
};
