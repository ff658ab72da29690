/**
 * What both clients do before asking the platform for download URLs: each id once, http(s) URLs answered as they
 * are (seed data or pictures hosted elsewhere), and the `cloud://` ids left to look up.
 */
export function splitFileIds(fileIds: string[]): { known: Record<string, string>; cloudIds: string[] } {
  const ids = [...new Set(fileIds.filter((id) => typeof id === 'string' && id))];
  const known: Record<string, string> = {};
  for (const id of ids) if (/^https?:\/\//.test(id)) known[id] = id;
  return { known, cloudIds: ids.filter((id) => id.startsWith('cloud://')) };
}
