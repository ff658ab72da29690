/** The demo accounts `npm start` prints, grouped the way the apps' login pages offer them. */
export interface DemoAccount {
  _id: string;
  role: string;
  name: string;
  description?: string;
}

const GROUPS = [
  { role: 'consumer', label: '用户 consumers (用户端)' },
  { role: 'merchant', label: '商家 merchant staff (商家端)' },
  { role: 'admin', label: '管理员 admins (管理后台)' },
] as const;

export function formatDemoLogins(accounts: DemoAccount[]): string[] {
  const lines = ['Demo logins (each app opens on a login page listing them; pick one):'];
  for (const group of GROUPS) {
    const members = accounts.filter((a) => a.role === group.role).sort((a, b) => a._id.localeCompare(b._id));
    if (!members.length) continue;
    lines.push(`  ${group.label}`);
    // The id column first: it is ASCII, so it pads evenly, where Chinese names would not.
    for (const a of members) lines.push(`    ${a._id.padEnd(22)} ${a.name}${a.description ? ` · ${a.description}` : ''}`);
  }
  return lines;
}
