/**
 * Demo data (R-ORG-4): a realistic Sơn La organization tree, demo users for every role and the
 * administrative document types. Idempotent: runs on every start and only inserts what is missing
 * (existing rows, including changed passwords, are left alone).
 *
 * NOTE: the level-1 group `H52` used here is an EXAMPLE code for the province; the real one is
 * configuration (PROVINCE_CODE) and is assigned by the Ministry of Information and Communications.
 */
import { hash } from '@node-rs/argon2';
import { parseOrgCode } from '../domain/org-code';
import type { Database } from './database';
import type { OrganizationKind, Role } from './models';
import { seedCalendar } from './seed-calendar';

interface SeedOrg {
  code: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  state: 'not_connected' | 'infrastructure_ready' | 'test_passed' | 'connected';
  connectedAt?: string;
  address?: string;
  email?: string;
  phone?: string;
  website?: string;
}

/** Replace the example level-1 group with the configured province's. */
function withProvince(code: string, provinceCode: string): string {
  return `${code.slice(0, 10)}${provinceCode.slice(10)}`;
}

const CONNECTED_2019 = '2019-11-15T08:00:00+07:00';

export const DEMO_ORGS: SeedOrg[] = [
  { code: '000.00.00.H52', name: 'Ủy ban nhân dân tỉnh Sơn La', shortName: 'UBND', kind: 'province', state: 'connected', connectedAt: '2019-06-01T08:00:00+07:00', address: 'Số 1 đường Tô Hiệu, thành phố Sơn La, tỉnh Sơn La', email: 'ubnd@sonla.gov.vn', phone: '0212 3852 226', website: 'https://sonla.gov.vn' },
  { code: '000.00.01.H52', name: 'Văn phòng Ủy ban nhân dân tỉnh Sơn La', shortName: 'VPUBND', kind: 'department', state: 'connected', connectedAt: '2019-06-01T08:00:00+07:00', address: 'Số 1 đường Tô Hiệu, thành phố Sơn La', email: 'vpubnd@sonla.gov.vn', phone: '0212 3852 165' },
  { code: '000.00.02.H52', name: 'Sở Nội vụ tỉnh Sơn La', shortName: 'SNV', kind: 'department', state: 'connected', connectedAt: '2019-09-20T08:00:00+07:00', email: 'snv@sonla.gov.vn' },
  { code: '000.00.03.H52', name: 'Sở Thông tin và Truyền thông tỉnh Sơn La', shortName: 'STTTT', kind: 'department', state: 'connected', connectedAt: '2019-06-01T08:00:00+07:00', email: 'stttt@sonla.gov.vn' },
  { code: '000.00.04.H52', name: 'Sở Tài chính tỉnh Sơn La', shortName: 'STC', kind: 'department', state: 'connected', connectedAt: CONNECTED_2019, email: 'stc@sonla.gov.vn' },
  { code: '000.00.05.H52', name: 'Sở Kế hoạch và Đầu tư tỉnh Sơn La', shortName: 'SKHĐT', kind: 'department', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.06.H52', name: 'Sở Tư pháp tỉnh Sơn La', shortName: 'STP', kind: 'department', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.07.H52', name: 'Sở Giáo dục và Đào tạo tỉnh Sơn La', shortName: 'SGDĐT', kind: 'department', state: 'connected', connectedAt: '2019-12-10T08:00:00+07:00' },
  { code: '000.00.08.H52', name: 'Sở Y tế tỉnh Sơn La', shortName: 'SYT', kind: 'department', state: 'connected', connectedAt: '2019-12-20T08:00:00+07:00' },
  { code: '000.00.09.H52', name: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Sơn La', shortName: 'SNN', kind: 'department', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.10.H52', name: 'Sở Tài nguyên và Môi trường tỉnh Sơn La', shortName: 'STNMT', kind: 'department', state: 'test_passed' },
  { code: '000.00.11.H52', name: 'Sở Xây dựng tỉnh Sơn La', shortName: 'SXD', kind: 'department', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.12.H52', name: 'Sở Giao thông vận tải tỉnh Sơn La', shortName: 'SGTVT', kind: 'department', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.31.H52', name: 'Ủy ban nhân dân thành phố Sơn La', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: '2019-10-01T08:00:00+07:00' },
  { code: '000.00.32.H52', name: 'Ủy ban nhân dân huyện Quỳnh Nhai', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.33.H52', name: 'Ủy ban nhân dân huyện Thuận Châu', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.34.H52', name: 'Ủy ban nhân dân huyện Mường La', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.35.H52', name: 'Ủy ban nhân dân huyện Bắc Yên', shortName: 'UBND', kind: 'district', state: 'infrastructure_ready' },
  { code: '000.00.36.H52', name: 'Ủy ban nhân dân huyện Phù Yên', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.37.H52', name: 'Ủy ban nhân dân huyện Mộc Châu', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: '2019-08-15T08:00:00+07:00' },
  { code: '000.00.38.H52', name: 'Ủy ban nhân dân huyện Yên Châu', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.39.H52', name: 'Ủy ban nhân dân huyện Mai Sơn', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.00.40.H52', name: 'Ủy ban nhân dân huyện Sông Mã', shortName: 'UBND', kind: 'district', state: 'test_passed' },
  { code: '000.00.41.H52', name: 'Ủy ban nhân dân huyện Sốp Cộp', shortName: 'UBND', kind: 'district', state: 'not_connected' },
  { code: '000.00.42.H52', name: 'Ủy ban nhân dân huyện Vân Hồ', shortName: 'UBND', kind: 'district', state: 'connected', connectedAt: CONNECTED_2019 },
  { code: '000.01.03.H52', name: 'Trung tâm Công nghệ thông tin và Truyền thông tỉnh Sơn La', shortName: 'TTCNTT', kind: 'other', state: 'connected', connectedAt: '2019-06-01T08:00:00+07:00' },
  { code: '001.01.03.H52', name: 'Phòng Hạ tầng kỹ thuật - Trung tâm CNTT&TT', shortName: 'PHT', kind: 'other', state: 'connected', connectedAt: '2019-06-01T08:00:00+07:00' },
  { code: '000.01.31.H52', name: 'Ủy ban nhân dân phường Chiềng Lề', shortName: 'UBND', kind: 'commune', state: 'connected', connectedAt: '2019-12-25T08:00:00+07:00' },
  { code: '000.02.31.H52', name: 'Ủy ban nhân dân phường Tô Hiệu', shortName: 'UBND', kind: 'commune', state: 'connected', connectedAt: '2019-12-26T08:00:00+07:00' },
  { code: '000.01.37.H52', name: 'Ủy ban nhân dân thị trấn Mộc Châu', shortName: 'UBND', kind: 'commune', state: 'connected', connectedAt: '2019-12-27T08:00:00+07:00' },
  { code: '000.02.37.H52', name: 'Ủy ban nhân dân xã Chiềng Sơn', shortName: 'UBND', kind: 'commune', state: 'not_connected' },
  { code: '000.01.39.H52', name: 'Ủy ban nhân dân thị trấn Hát Lót', shortName: 'UBND', kind: 'commune', state: 'infrastructure_ready' },
  { code: '000.01.41.H52', name: 'Ủy ban nhân dân xã Mường Lạn', shortName: 'UBND', kind: 'commune', state: 'not_connected' },
];

interface SeedUser {
  username: string;
  fullName: string;
  position: string;
  org: string;
  roles: Role[];
  supervises?: string;
}

export const DEMO_USERS: SeedUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', position: 'Quản trị viên', org: '000.00.00.H52', roles: ['admin'] },
  { username: 'vanthu.ubnd', fullName: 'Lò Thị Hoa', position: 'Văn thư', org: '000.00.00.H52', roles: ['clerk'] },
  { username: 'lanhdao.ubnd', fullName: 'Hoàng Quốc Khánh', position: 'Phó Chủ tịch UBND tỉnh', org: '000.00.00.H52', roles: ['leader'] },
  { username: 'giamsat.vp', fullName: 'Cầm Văn Đoàn', position: 'Chánh Văn phòng', org: '000.00.01.H52', roles: ['supervisor'], supervises: '000.00.00.H52' },
  { username: 'giamsat.snv', fullName: 'Lường Thị Mai', position: 'Phó Giám đốc Sở Nội vụ', org: '000.00.02.H52', roles: ['supervisor'], supervises: '000.00.00.H52' },
  { username: 'vanthu.snv', fullName: 'Quàng Thị Lan', position: 'Văn thư', org: '000.00.02.H52', roles: ['clerk'] },
  { username: 'lanhdao.snv', fullName: 'Đinh Văn Thành', position: 'Giám đốc Sở Nội vụ', org: '000.00.02.H52', roles: ['leader'] },
  { username: 'chuyenvien.snv', fullName: 'Tòng Văn Hùng', position: 'Chuyên viên', org: '000.00.02.H52', roles: ['specialist'] },
  { username: 'giamsat.stttt', fullName: 'Nguyễn Thị Hằng', position: 'Phó Giám đốc Sở TT&TT', org: '000.00.03.H52', roles: ['supervisor'], supervises: '000.00.00.H52' },
  { username: 'vanthu.stttt', fullName: 'Lò Văn Bình', position: 'Văn thư', org: '000.00.03.H52', roles: ['clerk'] },
  { username: 'lanhdao.stttt', fullName: 'Vì Văn Sơn', position: 'Giám đốc Sở TT&TT', org: '000.00.03.H52', roles: ['leader'] },
  { username: 'chuyenvien.stttt', fullName: 'Bạc Thị Thu', position: 'Chuyên viên', org: '000.00.03.H52', roles: ['specialist'] },
  { username: 'vanthu.stc', fullName: 'Hà Thị Nga', position: 'Văn thư', org: '000.00.04.H52', roles: ['clerk'] },
  { username: 'lanhdao.stc', fullName: 'Trần Minh Đức', position: 'Giám đốc Sở Tài chính', org: '000.00.04.H52', roles: ['leader'] },
  { username: 'chuyenvien.stc', fullName: 'Phạm Thu Trang', position: 'Chuyên viên', org: '000.00.04.H52', roles: ['specialist'] },
  { username: 'vanthu.mocchau', fullName: 'Sa Thị Yến', position: 'Văn thư', org: '000.00.37.H52', roles: ['clerk'] },
  { username: 'lanhdao.mocchau', fullName: 'Lê Văn Quý', position: 'Chủ tịch UBND huyện', org: '000.00.37.H52', roles: ['leader'] },
  { username: 'chuyenvien.mocchau', fullName: 'Mùa A Chứ', position: 'Chuyên viên', org: '000.00.37.H52', roles: ['specialist'] },
  { username: 'giamsat.mocchau', fullName: 'Hà Văn Tâm', position: 'Chánh Văn phòng HĐND-UBND huyện', org: '000.00.37.H52', roles: ['supervisor'], supervises: '000.00.37.H52' },
  { username: 'vanthu.chiengson', fullName: 'Lò Thị Ánh', position: 'Văn thư', org: '000.02.37.H52', roles: ['clerk'] },
  { username: 'lanhdao.chiengson', fullName: 'Thào A Páo', position: 'Chủ tịch UBND xã', org: '000.02.37.H52', roles: ['leader'] },
  { username: 'lanhdao.sopcop', fullName: 'Lò Văn Mạnh', position: 'Chủ tịch UBND huyện', org: '000.00.41.H52', roles: ['leader'] },
];

export const DOCUMENT_TYPES: Array<[code: string, name: string, abbreviation: string | null]> = [
  ['NQ', 'Nghị quyết', 'NQ'], ['QD', 'Quyết định', 'QĐ'], ['CT', 'Chỉ thị', 'CT'], ['QC', 'Quy chế', 'QC'],
  ['QYD', 'Quy định', 'QyĐ'], ['TC', 'Thông cáo', 'TC'], ['TB', 'Thông báo', 'TB'], ['HD', 'Hướng dẫn', 'HD'],
  ['CTR', 'Chương trình', 'CTr'], ['KH', 'Kế hoạch', 'KH'], ['PA', 'Phương án', 'PA'], ['DA', 'Đề án', 'ĐA'],
  ['DAN', 'Dự án', 'DA'], ['BC', 'Báo cáo', 'BC'], ['BB', 'Biên bản', 'BB'], ['TTR', 'Tờ trình', 'TTr'],
  ['HDO', 'Hợp đồng', 'HĐ'], ['CV', 'Công văn', null], ['CD', 'Công điện', 'CĐ'], ['BGN', 'Bản ghi nhớ', 'BGN'],
  ['BTT', 'Bản thỏa thuận', 'BTT'], ['GUQ', 'Giấy ủy quyền', 'GUQ'], ['GM', 'Giấy mời', 'GM'],
  ['GGT', 'Giấy giới thiệu', 'GGT'], ['GNP', 'Giấy nghỉ phép', 'GNP'], ['PG', 'Phiếu gửi', 'PG'],
  ['PC', 'Phiếu chuyển', 'PC'], ['PB', 'Phiếu báo', 'PB'],
];

export interface SeedOptions {
  provinceCode: string;
  demoPassword: string;
  withDemoUsers: boolean;
}

export async function seed(db: Database, opts: SeedOptions, log: (msg: string) => void = () => {}): Promise<void> {
  const { sequelize } = db;
  await sequelize.transaction(async (transaction) => {
    for (const [code, name, abbreviation] of DOCUMENT_TYPES) {
      await sequelize.query(
        `INSERT INTO document_types (code, name, abbreviation, sort_order) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
        { replacements: [code, name, abbreviation, DOCUMENT_TYPES.findIndex((t) => t[0] === code)], transaction },
      );
    }
    // Parents come before children in DEMO_ORGS order by level; sort to be safe.
    const orgs = [...DEMO_ORGS].sort((a, b) => parseOrgCode(a.code).level - parseOrgCode(b.code).level);
    let inserted = 0;
    for (const o of orgs) {
      const code = withProvince(o.code, opts.provinceCode);
      const parent = parseOrgCode(code).parent;
      const [, count] = await sequelize.query(
        `INSERT INTO organizations (code, parent_code, name, short_name, kind, address, email, phone, website, connection_state, connected_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
        {
          replacements: [code, parent, o.name, o.shortName, o.kind, o.address ?? null, o.email ?? null, o.phone ?? null, o.website ?? null, o.state, o.connectedAt ?? null],
          transaction,
        },
      );
      inserted += Number(count ?? 0);
    }
    if (inserted) log(`seeded ${inserted} organizations`);
  });
  // The business calendar is real data, seeded whether or not demo users are.
  await seedCalendar(db, {}, log);
  await seedPaperRules(db, opts.provinceCode, log);
  if (!opts.withDemoUsers) return;
  const existing = new Set((await db.models.User.findAll({ attributes: ['username'] })).map((u) => u.username));
  const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
  if (missing.length) {
    const passwordHash = await hash(opts.demoPassword);
    for (const u of missing) {
      await sequelize.query(
        `INSERT INTO users (username, password_hash, full_name, position, organization_code, supervises_code, roles)
         VALUES (?, ?, ?, ?, ?, ?, ?::text[]) ON CONFLICT (username) DO NOTHING`,
        {
          replacements: [
            u.username, passwordHash, u.fullName, u.position, withProvince(u.org, opts.provinceCode),
            u.supervises ? withProvince(u.supervises, opts.provinceCode) : null, `{${u.roles.join(',')}}`,
          ],
        },
      );
    }
    log(`seeded ${missing.length} demo users`);
  }
  await seedDemoDepartments(db, opts.provinceCode, log);
  await seedDemoRoutingRules(db, opts.provinceCode, log);
}

/**
 * Demo departments (phòng, ban) of a few demo organizations, each with the demo specialist who
 * obviously works there. Inserted when no department of that name exists; the specialist is
 * placed only when the department is first made, so an admin's later rename, retirement or
 * move of that person is kept on the next start.
 */
export const DEMO_DEPARTMENTS: Array<{ org: string; name: string; members?: string[] }> = [
  { org: '000.00.00.H52', name: 'Phòng Tổng hợp' },
  { org: '000.00.02.H52', name: 'Văn phòng' },
  { org: '000.00.02.H52', name: 'Phòng Cải cách hành chính', members: ['chuyenvien.snv'] },
  { org: '000.00.03.H52', name: 'Văn phòng' },
  { org: '000.00.03.H52', name: 'Phòng Công nghệ thông tin', members: ['chuyenvien.stttt'] },
  { org: '000.00.03.H52', name: 'Phòng Bưu chính, Viễn thông' },
];

async function seedDemoDepartments(db: Database, provinceCode: string, log: (msg: string) => void): Promise<void> {
  let inserted = 0;
  for (const d of DEMO_DEPARTMENTS) {
    const org = withProvince(d.org, provinceCode);
    await db.sequelize.transaction(async (transaction) => {
      const [rows] = (await db.sequelize.query(
        `INSERT INTO departments (organization_code, name)
         SELECT :org, :name WHERE NOT EXISTS (SELECT 1 FROM departments WHERE organization_code = :org AND fold_vi(name) = fold_vi(:name))
         ON CONFLICT DO NOTHING RETURNING id`,
        { replacements: { org, name: d.name }, transaction },
      )) as [Array<{ id: string }>, unknown];
      if (!rows.length) return;
      inserted += 1;
      if (d.members?.length) {
        await db.sequelize.query('UPDATE users SET department_id = :id WHERE organization_code = :org AND username IN (:members) AND department_id IS NULL', {
          replacements: { id: rows[0].id, org, members: d.members },
          transaction,
        });
      }
    });
  }
  if (inserted) log(`seeded ${inserted} demo departments`);
}

/**
 * "Paper accompanies" rules (QĐ 2588 Article 5.3, R-OUT-4): real data, seeded on every start.
 * Documents to the Provincial People's Committee itself (not its subtree) also go on paper.
 * Inserted when no rule of that name exists, so an admin's edit or deactivation is kept.
 */
export const PAPER_RULES = (provinceCode: string) => [{ name: 'Văn bản gửi UBND tỉnh kèm bản giấy', receiverCode: provinceCode, receiverSubtree: false }];

async function seedPaperRules(db: Database, provinceCode: string, log: (msg: string) => void): Promise<void> {
  let inserted = 0;
  for (const r of PAPER_RULES(provinceCode)) {
    const [, count] = await db.sequelize.query(
      `INSERT INTO paper_rules (name, receiver_code, receiver_subtree)
       SELECT :name, :receiverCode, :receiverSubtree WHERE NOT EXISTS (SELECT 1 FROM paper_rules WHERE name = :name)`,
      { replacements: r },
    );
    inserted += Number(count ?? 0);
  }
  if (inserted) log(`seeded ${inserted} paper rules`);
}

/** Sở TT&TT sends digital-transformation and IT documents straight to its specialist (R-ROUTE-1 example). */
const DEMO_KEYWORD_RULE = {
  org: '000.00.03.H52',
  name: 'Chuyển đổi số, công nghệ thông tin: chuyên viên phụ trách',
  keywords: ['chuyển đổi số', 'công nghệ thông tin'],
  username: 'chuyenvien.stttt',
};
export const DEFAULT_ROUTING_RULE_NAME = 'Mặc định: chuyển lãnh đạo cơ quan phân công';

/**
 * Demo routing rules (R-ROUTE-1): every demo organization with a leader routes to that leader by
 * default, and one keyword rule. Rules are versioned rows (id, version); a missing rule is
 * inserted as version 1, an existing one (any version, active or not) is left to the admin.
 */
async function seedDemoRoutingRules(db: Database, provinceCode: string, log: (msg: string) => void): Promise<void> {
  const { sequelize } = db;
  let inserted = 0;
  const insertRule = async (r: { org: string; name: string; priority: number; isDefault: boolean; match: object; username: string; kind: 'leader' | 'user' }) => {
    const [, count] = await sequelize.query(
      `INSERT INTO routing_rules (id, version, organization_code, name, priority, is_default, match, target)
       SELECT gen_random_uuid(), 1, :org, :name, :priority, :isDefault, CAST(:match AS jsonb), jsonb_build_object('kind', CAST(:kind AS text), 'userId', u.id)
         FROM users u
        WHERE u.username = :username AND u.organization_code = :org
          AND NOT EXISTS (SELECT 1 FROM routing_rules x WHERE x.organization_code = :org AND (x.name = :name OR (:isDefault AND x.is_default)))`,
      { replacements: { ...r, match: JSON.stringify(r.match) } },
    );
    inserted += Number(count ?? 0);
  };
  const leaders = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const org = withProvince(u.org, provinceCode);
    if (u.roles.includes('leader') && !leaders.has(org)) leaders.set(org, u.username);
  }
  for (const [org, username] of leaders) {
    await insertRule({ org, name: DEFAULT_ROUTING_RULE_NAME, priority: 1000, isDefault: true, match: {}, username, kind: 'leader' });
  }
  const k = DEMO_KEYWORD_RULE;
  await insertRule({ org: withProvince(k.org, provinceCode), name: k.name, priority: 10, isDefault: false, match: { keywords: k.keywords }, username: k.username, kind: 'user' });
  if (inserted) log(`seeded ${inserted} demo routing rules`);
}
