// Builds the organization hierarchy from a flat list by parentCode.
import type { Organization } from '../types';

export interface OrganizationNode {
    organization: Organization;
    children: OrganizationNode[];
}

const byCode = (a: OrganizationNode, b: OrganizationNode) =>
    a.organization.code.localeCompare(b.organization.code);

/**
 * Roots are organizations without a parent, or whose parent is not in the list
 * (a supervisor sees only the subtree below their own organization).
 */
export const buildOrganizationTree = (organizations: readonly Organization[]): OrganizationNode[] => {
    const nodes = new Map<string, OrganizationNode>();
    for (const organization of organizations) {
        nodes.set(organization.code, { organization, children: [] });
    }
    const roots: OrganizationNode[] = [];
    for (const node of nodes.values()) {
        const parent = node.organization.parentCode ? nodes.get(node.organization.parentCode) : undefined;
        if (parent && parent !== node) parent.children.push(node);
        else roots.push(node);
    }
    const sort = (list: OrganizationNode[]) => {
        list.sort(byCode);
        list.forEach(node => sort(node.children));
    };
    sort(roots);
    return roots;
};

/** Codes of every node that has children (for "expand all"). */
export const branchCodes = (roots: readonly OrganizationNode[]): string[] => {
    const codes: string[] = [];
    const walk = (node: OrganizationNode) => {
        if (node.children.length === 0) return;
        codes.push(node.organization.code);
        node.children.forEach(walk);
    };
    roots.forEach(walk);
    return codes;
};
