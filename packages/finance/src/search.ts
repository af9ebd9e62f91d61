/** A search text as an ILIKE pattern that finds it anywhere, its wildcards taken literally. */
export const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
