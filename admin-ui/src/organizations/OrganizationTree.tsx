// "Cây tổ chức": the whole hierarchy the caller may see, from
// GET /api/organizations?range=[0,9999], nested by parentCode. Clicking an
// organization's label opens its page; the arrow expands or collapses it.
import { useMemo, useState } from 'react';
import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import UnfoldMoreIcon from '@mui/icons-material/UnfoldMore';
import UnfoldLessIcon from '@mui/icons-material/UnfoldLess';
import ListIcon from '@mui/icons-material/List';
import { SimpleTreeView } from '@mui/x-tree-view/SimpleTreeView';
import { TreeItem, treeItemClasses } from '@mui/x-tree-view/TreeItem';
import {
    Button,
    Link,
    Loading,
    Title,
    TopToolbar,
    useCreatePath,
    useGetList,
    useNavigate,
    useTranslate,
} from 'react-admin';
import type { Organization } from '../types';
import { ConnectionStateChip } from './OrganizationFields';
import { branchCodes, buildOrganizationTree, type OrganizationNode } from './buildTree';

const NodeLabel = ({ organization }: { organization: Organization }) => (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', py: 0.25 }}>
        <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
            {organization.name}
        </Typography>
        <Chip size="small" variant="outlined" label={organization.code} />
        <ConnectionStateChip state={organization.connectionState} overdue={organization.deadlineMissed} />
    </Stack>
);

const renderNode = (node: OrganizationNode) => (
    <TreeItem
        key={node.organization.code}
        itemId={node.organization.code}
        label={<NodeLabel organization={node.organization} />}
        data-testid={`organization-tree-item-${node.organization.code}`}
    >
        {node.children.map(renderNode)}
    </TreeItem>
);

export const OrganizationTree = () => {
    const translate = useTranslate();
    const navigate = useNavigate();
    const createPath = useCreatePath();
    const { data, isPending, error } = useGetList<Organization>('organizations', {
        pagination: { page: 1, perPage: 10000 },
        sort: { field: 'code', order: 'ASC' },
        filter: {},
    });
    const roots = useMemo(() => buildOrganizationTree(data ?? []), [data]);
    const allBranches = useMemo(() => branchCodes(roots), [roots]);
    // Start with the top two levels open: the province and its departments/districts.
    const [expanded, setExpanded] = useState<string[] | null>(null);
    const expandedItems = expanded ?? roots.map(root => root.organization.code);

    return (
        <Box>
            <Title title="app.organization.tree_title" />
            <TopToolbar>
                <Button label="app.organization.tree_expand_all" onClick={() => setExpanded(allBranches)}>
                    <UnfoldMoreIcon />
                </Button>
                <Button label="app.organization.tree_collapse_all" onClick={() => setExpanded([])}>
                    <UnfoldLessIcon />
                </Button>
                <Button component={Link} to={createPath({ resource: 'organizations', type: 'list' })} label="app.menu.organizations">
                    <ListIcon />
                </Button>
            </TopToolbar>
            <Card>
                <CardContent>
                    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                        {translate('app.organization.tree_hint')}
                    </Typography>
                    {isPending ? (
                        <Loading />
                    ) : error ? (
                        <Typography color="error">{translate('app.organization.tree_load_error')}</Typography>
                    ) : roots.length === 0 ? (
                        <Typography>{translate('app.organization.tree_empty')}</Typography>
                    ) : (
                        <SimpleTreeView
                            data-testid="organization-tree"
                            aria-label={translate('app.organization.tree_title')}
                            expansionTrigger="iconContainer"
                            expandedItems={expandedItems}
                            onExpandedItemsChange={(_event, items) => setExpanded(items)}
                            onItemClick={(event, itemId) => {
                                // A click on the arrow only expands; it bubbles through the content.
                                const target = event.target as HTMLElement;
                                if (target.closest(`.${treeItemClasses.iconContainer}`)) return;
                                navigate(createPath({ resource: 'organizations', id: itemId, type: 'show' }));
                            }}
                        >
                            {roots.map(renderNode)}
                        </SimpleTreeView>
                    )}
                </CardContent>
            </Card>
        </Box>
    );
};
