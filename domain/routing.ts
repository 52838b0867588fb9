/**
 * Routing rules (QĐ 2588 Article 9; R-ROUTE-1): which unit, leader or person an accepted
 * document goes to. Rules are admin data, versioned; this module decides which one fires for a
 * document and why, so the history can record the rule (id + version) and the reasons. Pure;
 * imports only domain/.
 *
 * Order: active non-default rules by ascending priority (ties: older rule first, then id, so the
 * choice is stable), the first whose every condition holds; else the organization's default rule.
 * An empty condition matches everything; within one condition any listed value may match.
 */
import { isInSubtree } from './org-code';

export type Urgency = 'normal' | 'urgent' | 'very_urgent' | 'express';

export interface RoutingMatch {
  /** Sender organization codes; a code matches itself and, with `senderSubtree`, its subtree. */
  senderCodes?: string[];
  senderSubtree?: boolean;
  typeCodes?: string[];
  fields?: string[];
  urgencies?: Urgency[];
  /** Any of these words or phrases in the summary, ignoring case and Vietnamese accents. */
  keywords?: string[];
}

export type RoutingTarget =
  | { kind: 'department'; departmentId: string }
  | { kind: 'leader'; userId: string }
  | { kind: 'user'; userId: string };

export interface RoutingRule {
  id: string;
  version: number;
  name: string;
  priority: number;
  isDefault: boolean;
  active: boolean;
  match: RoutingMatch;
  target: RoutingTarget;
  createdAt: string;
}

export interface RoutableDocument {
  senderCode: string | null;
  typeCode: string | null;
  field: string | null;
  urgency: Urgency;
  summary: string;
}

export interface RoutingDecision {
  rule: Pick<RoutingRule, 'id' | 'version' | 'name' | 'isDefault'>;
  target: RoutingTarget;
  /** Human-readable reasons (Vietnamese) recorded in the history. */
  reasons: string[];
}

/** Lower case without accents; đ → d. Used for keyword matching ("van ban" finds "Văn bản"). */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reasons the rule matches the document, or null when a condition fails. */
export function matchRule(rule: RoutingRule, doc: RoutableDocument): string[] | null {
  const m = rule.match;
  const reasons: string[] = [];
  if (m.senderCodes?.length) {
    const sender = doc.senderCode;
    const hit = sender && m.senderCodes.find((c) => c === sender || (m.senderSubtree && safeInSubtree(sender, c)));
    if (!hit) return null;
    reasons.push(m.senderSubtree ? `nơi gửi thuộc ${hit}` : `nơi gửi ${hit}`);
  }
  if (m.typeCodes?.length) {
    if (!doc.typeCode || !m.typeCodes.includes(doc.typeCode)) return null;
    reasons.push(`loại văn bản ${doc.typeCode}`);
  }
  if (m.fields?.length) {
    const field = doc.field ? foldVietnamese(doc.field) : null;
    const hit = field !== null && m.fields.find((f) => foldVietnamese(f) === field);
    if (!hit) return null;
    reasons.push(`lĩnh vực ${hit}`);
  }
  if (m.urgencies?.length) {
    if (!m.urgencies.includes(doc.urgency)) return null;
    reasons.push(`độ khẩn ${doc.urgency}`);
  }
  if (m.keywords?.length) {
    const summary = ` ${foldVietnamese(doc.summary)} `;
    const hit = m.keywords.find((k) => {
      const folded = foldVietnamese(k);
      return folded.length > 0 && summary.includes(folded);
    });
    if (!hit) return null;
    reasons.push(`trích yếu có "${hit}"`);
  }
  return reasons;
}

function safeInSubtree(code: string, root: string): boolean {
  try {
    return isInSubtree(code, root);
  } catch {
    return false;
  }
}

/** The rule that fires for `doc` among one organization's current rules, or null when none does. */
export function selectRoute(rules: readonly RoutingRule[], doc: RoutableDocument): RoutingDecision | null {
  const ordered = rules
    .filter((r) => r.active && !r.isDefault)
    .sort((a, b) => a.priority - b.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    const reasons = matchRule(rule, doc);
    if (reasons) return decision(rule, reasons.length ? reasons : ['quy tắc không có điều kiện']);
  }
  const fallback = rules.find((r) => r.active && r.isDefault);
  return fallback ? decision(fallback, ['quy tắc mặc định của cơ quan']) : null;
}

function decision(rule: RoutingRule, reasons: string[]): RoutingDecision {
  return { rule: { id: rule.id, version: rule.version, name: rule.name, isDefault: rule.isDefault }, target: rule.target, reasons };
}
