/**
 * Flat illustrations for the demo seed's pictures, drawn by hand as SVG on a 240×240 canvas (no copyrighted
 * artwork). generate.ts renders them onto coloured backgrounds and encodes them as small WebP files, which the
 * seed uploads into cloud storage.
 */
const bowl = (fill = '#ffffff', rim = '#e5e7eb') =>
  `<path d="M38 118 h164 a82 82 0 0 1 -164 0z" fill="${fill}"/><ellipse cx="120" cy="118" rx="82" ry="14" fill="${rim}"/><rect x="92" y="194" width="56" height="12" rx="6" fill="${rim}"/>`;
const steam = `<g stroke="#ffffff" stroke-width="6" stroke-linecap="round" fill="none" opacity=".8"><path d="M92 78 q-10 -14 0 -28 t0 -28"/><path d="M120 74 q-10 -14 0 -28 t0 -28"/><path d="M148 78 q-10 -14 0 -28 t0 -28"/></g>`;
const cup = (body: string, lid: string) => `<path d="M70 70 h100 l-12 140 h-76z" fill="${body}"/><rect x="62" y="58" width="116" height="18" rx="8" fill="${lid}"/>`;

export const MOTIFS: Record<string, string> = {
  noodles: `${steam}${bowl('#fff7ed', '#fdba74')}<ellipse cx="120" cy="118" rx="70" ry="10" fill="#f59e0b"/><g stroke="#fde68a" stroke-width="5" fill="none" stroke-linecap="round"><path d="M64 116 q20 -10 40 0 t40 0 t36 0"/><path d="M70 122 q20 -8 40 0 t40 0 t30 0"/></g><circle cx="100" cy="112" r="10" fill="#b45309"/><circle cx="140" cy="114" r="9" fill="#16a34a"/><g stroke="#92400e" stroke-width="7" stroke-linecap="round"><line x1="150" y1="40" x2="196" y2="112"/><line x1="166" y1="34" x2="204" y2="104"/></g>`,
  dumplings: `${steam}<ellipse cx="120" cy="176" rx="92" ry="30" fill="#a16207"/><ellipse cx="120" cy="166" rx="92" ry="28" fill="#ca8a04"/><g fill="#fffbeb" stroke="#fde68a" stroke-width="3"><path d="M52 160 q26 -58 52 0z"/><path d="M94 150 q26 -60 52 0z"/><path d="M136 160 q26 -58 52 0z"/></g><g stroke="#fcd34d" stroke-width="3" fill="none"><path d="M70 130 l8 -14 l8 14"/><path d="M112 120 l8 -14 l8 14"/><path d="M154 130 l8 -14 l8 14"/></g>`,
  soup: `${steam}${bowl('#ffffff', '#93c5fd')}<ellipse cx="120" cy="118" rx="70" ry="10" fill="#fcd34d"/><circle cx="96" cy="116" r="6" fill="#16a34a"/><circle cx="136" cy="118" r="7" fill="#16a34a"/><circle cx="118" cy="114" r="5" fill="#dc2626"/><path d="M170 60 q24 20 4 60" stroke="#9ca3af" stroke-width="10" fill="none" stroke-linecap="round"/>`,
  rice: `${steam}${bowl('#ffffff', '#fca5a5')}<path d="M50 118 q70 -70 140 0z" fill="#ffffff" stroke="#e5e7eb" stroke-width="3"/><g fill="#f3f4f6"><ellipse cx="90" cy="98" rx="6" ry="3"/><ellipse cx="120" cy="86" rx="6" ry="3"/><ellipse cx="150" cy="100" rx="6" ry="3"/><ellipse cx="108" cy="104" rx="6" ry="3"/><ellipse cx="134" cy="96" rx="6" ry="3"/></g><rect x="100" y="148" width="40" height="10" rx="5" fill="#ef4444"/>`,
  hotpot: `${steam}${bowl('#7f1d1d', '#b91c1c')}<ellipse cx="120" cy="118" rx="70" ry="10" fill="#dc2626"/><g fill="#fbbf24"><circle cx="86" cy="114" r="7"/><circle cx="150" cy="116" r="6"/></g><g fill="#16a34a"><path d="M104 110 q8 -16 16 0z"/><path d="M128 112 q8 -16 16 0z"/></g><path d="M168 60 l10 -16 l6 20z" fill="#ef4444"/><path d="M60 58 l12 -14 l4 20z" fill="#ef4444"/>`,
  egg: `<ellipse cx="120" cy="150" rx="92" ry="46" fill="#ffffff"/><path d="M40 150 q20 -40 60 -36 q30 -30 60 0 q44 -4 44 36 q-20 40 -82 42 q-62 -2 -82 -42z" fill="#ffffff"/><circle cx="122" cy="144" r="32" fill="#fbbf24"/><circle cx="112" cy="134" r="8" fill="#fde68a"/>`,
  drink: `<path d="M132 40 l20 -28" stroke="#ef4444" stroke-width="8" stroke-linecap="round"/><path d="M132 40 v40" stroke="#ef4444" stroke-width="8"/>${cup('#60a5fa', '#1d4ed8')}<path d="M78 110 h84 l-7 92 h-70z" fill="#93c5fd"/><circle cx="104" cy="132" r="8" fill="#ffffff" opacity=".7"/><circle cx="130" cy="156" r="6" fill="#ffffff" opacity=".7"/><rect x="100" y="90" width="22" height="22" rx="4" fill="#e0f2fe" transform="rotate(15 111 101)"/>`,
  milktea: `<path d="M130 46 v-34" stroke="#111827" stroke-width="10" stroke-linecap="round"/>${cup('#fde68a', '#f59e0b')}<path d="M76 100 h88 l-9 108 h-70z" fill="#d6a16b"/><g fill="#3f2a1d"><circle cx="98" cy="186" r="8"/><circle cx="118" cy="192" r="8"/><circle cx="138" cy="186" r="8"/><circle cx="108" cy="172" r="8"/><circle cx="130" cy="172" r="8"/></g>`,
  coffee: `${steam}<path d="M56 100 h112 v50 a56 56 0 0 1 -112 0z" fill="#ffffff"/><path d="M168 112 q34 0 30 28 q-4 22 -34 22" stroke="#ffffff" stroke-width="12" fill="none"/><ellipse cx="112" cy="100" rx="56" ry="10" fill="#78350f"/><path d="M100 98 q12 -10 24 0 q-12 8 -24 0z" fill="#fde68a"/><ellipse cx="112" cy="210" rx="84" ry="10" fill="#e5e7eb"/>`,
  bread: `<path d="M44 150 q0 -70 76 -70 q76 0 76 70 v40 h-152z" fill="#d97706"/><path d="M56 150 q0 -56 64 -56 q64 0 64 56 v34 h-128z" fill="#fde68a"/><g stroke="#b45309" stroke-width="6" stroke-linecap="round"><line x1="84" y1="104" x2="96" y2="124"/><line x1="114" y1="98" x2="124" y2="120"/><line x1="144" y1="104" x2="152" y2="124"/></g>`,
  cake: `<rect x="48" y="112" width="144" height="86" rx="10" fill="#fef3c7"/><rect x="48" y="140" width="144" height="14" fill="#fbbf24"/><rect x="48" y="170" width="144" height="12" fill="#fbbf24"/><path d="M48 122 q18 18 36 0 t36 0 t36 0 t36 0 v-12 h-144z" fill="#ffffff"/><circle cx="120" cy="92" r="16" fill="#ef4444"/><path d="M120 76 q6 -14 18 -14" stroke="#16a34a" stroke-width="5" fill="none"/>`,
  salad: `${bowl('#ffffff', '#86efac')}<g fill="#16a34a"><path d="M54 118 q20 -50 50 -20z"/><path d="M100 110 q24 -60 50 -10z"/><path d="M140 116 q30 -44 48 2z"/></g><g fill="#22c55e"><path d="M72 118 q24 -36 44 -6z"/><path d="M124 118 q22 -34 40 0z"/></g><circle cx="96" cy="106" r="9" fill="#ef4444"/><circle cx="146" cy="102" r="8" fill="#ef4444"/><circle cx="122" cy="96" r="7" fill="#fde047"/>`,
  chicken: `<path d="M70 170 q-30 -70 40 -104 q70 -30 90 40 q12 60 -60 74 q-40 8 -70 -10z" fill="#d97706"/><path d="M84 160 q-20 -56 34 -80 q54 -20 68 32" fill="none" stroke="#f59e0b" stroke-width="10" stroke-linecap="round"/><rect x="36" y="168" width="60" height="16" rx="8" fill="#fef3c7" transform="rotate(-35 66 176)"/><circle cx="40" cy="196" r="12" fill="#fef3c7"/><circle cx="30" cy="178" r="12" fill="#fef3c7"/>`,
  fish: `<path d="M40 120 q70 -70 140 0 q-70 70 -140 0z" fill="#fb923c"/><path d="M180 120 l36 -32 v64z" fill="#f97316"/><g stroke="#ffffff" stroke-width="5" opacity=".8"><line x1="80" y1="96" x2="92" y2="144"/><line x1="110" y1="90" x2="122" y2="150"/><line x1="140" y1="94" x2="152" y2="146"/></g><circle cx="66" cy="112" r="7" fill="#111827"/>`,
  fruit: `<path d="M120 76 q70 -4 66 60 q-6 66 -66 84 q-60 -18 -66 -84 q-4 -64 66 -60z" fill="#ef4444"/><g fill="#fde68a"><ellipse cx="96" cy="116" rx="3" ry="5"/><ellipse cx="126" cy="106" rx="3" ry="5"/><ellipse cx="150" cy="126" rx="3" ry="5"/><ellipse cx="110" cy="146" rx="3" ry="5"/><ellipse cx="138" cy="160" rx="3" ry="5"/><ellipse cx="120" cy="186" rx="3" ry="5"/><ellipse cx="90" cy="160" rx="3" ry="5"/></g><path d="M84 76 q18 -36 36 0 q18 -36 36 0 q-36 16 -72 0z" fill="#16a34a"/>`,
  flower: `<path d="M120 130 v90" stroke="#16a34a" stroke-width="8"/><path d="M120 180 q-40 -6 -46 -36 q36 4 46 36z" fill="#22c55e"/><g fill="#f43f5e"><circle cx="120" cy="70" r="26"/><circle cx="92" cy="96" r="26"/><circle cx="148" cy="96" r="26"/><circle cx="104" cy="126" r="26"/><circle cx="136" cy="126" r="26"/></g><circle cx="120" cy="102" r="20" fill="#be123c"/><path d="M108 100 q12 -16 24 0" stroke="#fda4af" stroke-width="4" fill="none"/>`,
  plant: `<path d="M74 150 h92 l-12 66 h-68z" fill="#c2410c"/><rect x="66" y="140" width="108" height="18" rx="6" fill="#ea580c"/><g fill="#22c55e"><path d="M120 140 q-50 -20 -40 -80 q40 30 40 80z"/><path d="M120 140 q50 -20 40 -80 q-40 30 -40 80z"/><path d="M120 140 q-8 -60 0 -110 q8 50 0 110z" fill="#16a34a"/></g>`,
  pet: `<g fill="#fde68a"><ellipse cx="120" cy="150" rx="68" ry="56"/><path d="M62 120 l4 -60 l40 36z"/><path d="M178 120 l-4 -60 l-40 36z"/></g><g fill="#111827"><circle cx="96" cy="140" r="8"/><circle cx="144" cy="140" r="8"/></g><path d="M112 164 l8 8 l8 -8z" fill="#f472b6"/><g stroke="#92400e" stroke-width="3"><line x1="60" y1="160" x2="96" y2="164"/><line x1="60" y1="176" x2="96" y2="170"/><line x1="180" y1="160" x2="144" y2="164"/><line x1="180" y1="176" x2="144" y2="170"/></g>`,
  milk: `<path d="M84 60 h72 l20 36 v116 h-112 v-116z" fill="#ffffff"/><path d="M84 60 l20 36 h72" fill="none" stroke="#dbeafe" stroke-width="4"/><rect x="84" y="40" width="72" height="20" rx="4" fill="#3b82f6"/><rect x="64" y="130" width="112" height="44" fill="#60a5fa"/><path d="M80 152 q20 -16 40 0 t40 0" stroke="#ffffff" stroke-width="6" fill="none"/>`,
  grain: `<path d="M64 90 q56 -30 112 0 l12 116 h-136z" fill="#fef3c7"/><path d="M70 90 q50 -22 100 0" stroke="#d97706" stroke-width="8" fill="none"/><rect x="80" y="130" width="80" height="44" rx="8" fill="#dc2626"/><g fill="#fde68a"><ellipse cx="104" cy="152" rx="8" ry="5"/><ellipse cx="136" cy="152" rx="8" ry="5"/><ellipse cx="120" cy="146" rx="8" ry="5"/></g>`,
  stationery: `<rect x="52" y="48" width="110" height="150" rx="10" fill="#ffffff"/><rect x="52" y="48" width="20" height="150" rx="6" fill="#6366f1"/><g stroke="#c7d2fe" stroke-width="4"><line x1="84" y1="86" x2="148" y2="86"/><line x1="84" y1="110" x2="148" y2="110"/><line x1="84" y1="134" x2="148" y2="134"/><line x1="84" y1="158" x2="130" y2="158"/></g><g transform="rotate(30 176 120)"><rect x="166" y="40" width="20" height="140" rx="4" fill="#f59e0b"/><path d="M166 180 h20 l-10 24z" fill="#fde68a"/><path d="M172 194 h8 l-4 10z" fill="#111827"/></g>`,
  health: `<rect x="40" y="100" width="160" height="60" rx="30" fill="#ffffff" transform="rotate(-30 120 130)"/><path d="M40 130 a30 30 0 0 1 80 -46" transform="rotate(-30 120 130)" fill="#ef4444"/><rect x="40" y="100" width="80" height="60" rx="30" fill="#ef4444" transform="rotate(-30 120 130)"/><g transform="translate(150 160)"><rect x="-20" y="-6" width="40" height="12" fill="#ffffff"/><rect x="-6" y="-20" width="12" height="40" fill="#ffffff"/></g>`,
  tissue: `<rect x="48" y="112" width="144" height="90" rx="12" fill="#ffffff"/><rect x="48" y="150" width="144" height="20" fill="#bae6fd"/><path d="M96 112 q24 -70 48 0" fill="#f8fafc" stroke="#e2e8f0" stroke-width="3"/><ellipse cx="120" cy="116" rx="30" ry="6" fill="#e2e8f0"/>`,
  oden: `<g stroke="#a16207" stroke-width="6" stroke-linecap="round"><line x1="80" y1="30" x2="80" y2="210"/><line x1="160" y1="30" x2="160" y2="210"/></g><circle cx="80" cy="64" r="20" fill="#fde68a"/><rect x="62" y="96" width="36" height="30" rx="6" fill="#f5f5f4"/><path d="M60 150 l20 -16 l20 16 l-20 16z" fill="#d6d3d1"/><circle cx="160" cy="70" r="22" fill="#92400e"/><path d="M142 108 h36 l-18 36z" fill="#fafaf9"/><circle cx="160" cy="170" r="16" fill="#fbbf24"/>`,
  scissors: `<g fill="none" stroke="#ffffff" stroke-width="12"><circle cx="74" cy="174" r="26"/><circle cx="166" cy="174" r="26"/></g><g stroke="#e5e7eb" stroke-width="14" stroke-linecap="round"><line x1="92" y1="154" x2="170" y2="40"/><line x1="148" y1="154" x2="70" y2="40"/></g><circle cx="120" cy="112" r="8" fill="#9ca3af"/>`,
  nails: `<rect x="92" y="100" width="56" height="110" rx="10" fill="#f472b6"/><rect x="100" y="62" width="40" height="42" rx="6" fill="#111827"/><rect x="110" y="28" width="20" height="38" rx="6" fill="#374151"/><rect x="100" y="132" width="40" height="40" rx="20" fill="#fbcfe8"/><g fill="#ffffff" opacity=".6"><rect x="100" y="110" width="8" height="60" rx="4"/></g>`,
  face: `<circle cx="120" cy="120" r="76" fill="#fde7d4"/><path d="M48 110 q10 -70 72 -72 q62 2 72 72 q-20 -40 -72 -40 q-52 0 -72 40z" fill="#1f2937"/><g fill="#1f2937"><path d="M86 126 q12 8 24 0" stroke="#1f2937" stroke-width="4" fill="none"/><path d="M130 126 q12 8 24 0" stroke="#1f2937" stroke-width="4" fill="none"/></g><path d="M104 160 q16 12 32 0" stroke="#f87171" stroke-width="5" fill="none" stroke-linecap="round"/><g fill="#fca5a5" opacity=".6"><circle cx="80" cy="146" r="10"/><circle cx="160" cy="146" r="10"/></g>`,
  spa: `<g fill="#6b7280"><ellipse cx="120" cy="190" rx="80" ry="22"/></g><ellipse cx="120" cy="164" rx="62" ry="18" fill="#9ca3af"/><ellipse cx="120" cy="142" rx="44" ry="14" fill="#d1d5db"/><path d="M120 128 q-40 -40 -10 -90 q30 40 10 90z" fill="#22c55e"/><path d="M122 128 q36 -30 60 -70 q-10 50 -60 70z" fill="#16a34a"/>`,
  cleaning: `<path d="M150 30 l-40 120" stroke="#a16207" stroke-width="10" stroke-linecap="round"/><path d="M84 140 l56 20 l-16 56 q-50 -6 -70 -34z" fill="#fbbf24"/><g stroke="#b45309" stroke-width="4"><line x1="92" y1="160" x2="76" y2="196"/><line x1="108" y1="166" x2="96" y2="206"/><line x1="124" y1="170" x2="116" y2="210"/></g><g fill="#ffffff"><circle cx="176" cy="150" r="12"/><circle cx="196" cy="180" r="8"/><circle cx="60" cy="110" r="9"/></g>`,
  wrench: `<g transform="rotate(-45 120 120)"><rect x="108" y="70" width="24" height="150" rx="12" fill="#e5e7eb"/><path d="M84 40 a40 40 0 1 0 72 0 v30 h-20 v-30 h-32 v30 h-20z" fill="#e5e7eb"/></g><circle cx="170" cy="170" r="26" fill="#f59e0b"/><circle cx="170" cy="170" r="10" fill="#fde68a"/>`,
  lock: `<path d="M80 110 v-30 a40 40 0 0 1 80 0 v30" stroke="#e5e7eb" stroke-width="16" fill="none"/><rect x="56" y="106" width="128" height="104" rx="16" fill="#f59e0b"/><circle cx="120" cy="148" r="14" fill="#78350f"/><rect x="114" y="154" width="12" height="30" rx="4" fill="#78350f"/>`,
  truck: `<rect x="24" y="82" width="120" height="86" rx="8" fill="#ffffff"/><path d="M144 104 h44 l28 32 v32 h-72z" fill="#3b82f6"/><rect x="156" y="112" width="30" height="22" rx="3" fill="#dbeafe"/><g fill="#111827"><circle cx="62" cy="178" r="18"/><circle cx="178" cy="178" r="18"/></g><g fill="#9ca3af"><circle cx="62" cy="178" r="7"/><circle cx="178" cy="178" r="7"/></g><rect x="40" y="100" width="40" height="30" fill="#fbbf24"/><rect x="88" y="100" width="40" height="30" fill="#f97316"/>`,
  car: `<path d="M32 150 q4 -30 30 -36 l26 -34 h64 l30 34 q28 6 30 36 v26 h-180z" fill="#ef4444"/><path d="M96 86 h52 l22 28 h-96z" fill="#dbeafe"/><g fill="#111827"><circle cx="72" cy="176" r="18"/><circle cx="170" cy="176" r="18"/></g><g fill="#ffffff" opacity=".9"><circle cx="60" cy="60" r="12"/><circle cx="84" cy="44" r="8"/><circle cx="190" cy="58" r="10"/></g>`,
  chef: `${steam}<rect x="44" y="104" width="152" height="80" rx="20" fill="#374151"/><rect x="30" y="112" width="22" height="14" rx="6" fill="#4b5563"/><rect x="188" y="112" width="22" height="14" rx="6" fill="#4b5563"/><ellipse cx="120" cy="104" rx="76" ry="10" fill="#6b7280"/><rect x="108" y="86" width="24" height="12" rx="5" fill="#9ca3af"/>`,
  shop: `<path d="M40 90 l20 -46 h120 l20 46z" fill="#ef4444"/><path d="M40 90 q20 24 40 0 q20 24 40 0 q20 24 40 0 q20 24 40 0" fill="#fca5a5"/><rect x="52" y="100" width="136" height="108" fill="#ffffff"/><rect x="100" y="140" width="40" height="68" fill="#fbbf24"/><rect x="64" y="120" width="28" height="28" fill="#bfdbfe"/><rect x="148" y="120" width="28" height="28" fill="#bfdbfe"/>`,
};

/** A product's picture by what it is: the first rule whose words its name (then its menu category) contains. */
const RULES: [string, string[]][] = [
  // Services and goods first: their names hold food words (小面包车搬家, 修面, 四菜一汤).
  ['truck', ['搬家']],
  ['car', ['洗车']],
  ['chef', ['家宴', '菜一汤']],
  ['lock', ['锁']],
  ['wrench', ['维修', '检修', '疏通']],
  ['cleaning', ['保洁', '清洗']],
  ['pet', ['猫', '犬', '宠物', '冻干', '洗护']],
  ['nails', ['美甲', '手部']],
  ['scissors', ['剪', '烫发', '修面', '造型']],
  ['face', ['面部', '清洁', '补水', '美睫', '睫毛', '眉']],
  ['spa', ['SPA', '按摩', '足疗', '头皮', '护理']],
  ['flower', ['花束', '玫瑰', '向日葵']],
  ['plant', ['绿植', '多肉']],
  ['stationery', ['笔', '本册', '文件夹', '书写', '收纳']],
  ['health', ['口罩', '维生素', '创可贴', '防护', '保健']],
  ['tissue', ['纸巾', '日用']],
  ['grain', ['大米', '食用油', '粮油']],
  ['oden', ['关东煮', '饭团', '熟食']],
  ['milktea', ['奶茶', '果茶', '纯茶', '杨枝甘露', '芝士葡萄', '绿茶']],
  ['coffee', ['咖啡', '拿铁']],
  ['milk', ['牛奶', '乳品', '豆浆']],
  ['drink', ['酸梅汤', '果蔬汁', '可乐', '矿泉水', '饮料', '饮品']],
  ['bread', ['面包', '吐司', '海盐卷', '肉夹馍']],
  ['cake', ['蛋糕', '千层', '冰粉', '甜品']],
  ['dumplings', ['生煎', '小笼', '饺', '馄饨', '点心']],
  ['noodles', ['面', '粿条', '米线', '拉面', '泡馍']],
  ['hotpot', ['麻辣', '香锅', '剁椒', '小炒', '热菜', '包菜']],
  ['soup', ['汤', '粥']],
  ['rice', ['米饭', '煲仔饭', '主食']],
  ['egg', ['蛋']],
  ['salad', ['沙拉', '牛油果', '蔬菜', '凉拌', '木耳', '菜心', '青菜', '冷菜', '糖藕', '凉皮', '年糕', '小食', '小吃']],
  ['chicken', ['炸鸡']],
  ['fish', ['三文鱼', '水产']],
  ['fruit', ['草莓', '水果', '果切', '西瓜', '芒果', '果盒']],
];

export function motifOf(productName: string, categoryName: string): string {
  for (const text of [productName, categoryName]) for (const [motif, words] of RULES) if (words.some((w) => text.includes(w))) return motif;
  return 'shop';
}

/** Each store category's colours: picture backgrounds (light → dark) and its logo badge. */
export const PALETTE: Record<string, { from: string; to: string; badge: string; motif: string }> = {
  catering: { from: '#fed7aa', to: '#fb923c', badge: '#ea580c', motif: 'noodles' },
  beauty: { from: '#fbcfe8', to: '#f472b6', badge: '#db2777', motif: 'scissors' },
  retail: { from: '#bbf7d0', to: '#4ade80', badge: '#16a34a', motif: 'shop' },
  home_service: { from: '#bfdbfe', to: '#60a5fa', badge: '#2563eb', motif: 'cleaning' },
};
