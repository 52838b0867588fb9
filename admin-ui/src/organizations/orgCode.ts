// Organization identifier code LLL.KK.JJ.Hnn (R-ORG-1, Article 11.1.2.a).
// The server is the authority (it validates and derives the parent); these
// client checks only give early feedback in the form.
export const ORG_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const isZero = (group: string) => /^0+$/.test(group);

/** Structural check: the pattern, and no non-zero group under a zero group. */
export const isValidOrgCode = (code: string): boolean => {
    if (!ORG_CODE_PATTERN.test(code)) return false;
    const [lll, kk, jj] = code.split('.') as [string, string, string, string];
    if (!isZero(lll) && (isZero(kk) || isZero(jj))) return false;
    if (!isZero(kk) && isZero(jj)) return false;
    return true;
};

/**
 * The parent of a code: its most specific non-zero group set to zeros
 * (`000.01.01.H52` → `000.00.01.H52`); null for the province itself.
 */
export const parentCodeOf = (code: string): string | null => {
    if (!isValidOrgCode(code)) return null;
    const groups = code.split('.');
    const index = groups.slice(0, 3).findIndex(group => !isZero(group));
    if (index < 0) return null;
    groups[index] = '0'.repeat(groups[index]!.length);
    return groups.join('.');
};

/** react-admin validator: returns a translation key on error. */
export const validateOrgCode = (value: unknown): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    return isValidOrgCode(String(value).trim()) ? undefined : 'app.organization.code_invalid';
};
