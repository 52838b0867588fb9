import DynamicFeedIcon from '@mui/icons-material/DynamicFeed';
import type { PaperRuleRecord } from '../types';
import { PaperRuleCreate } from './PaperRuleCreate';
import { PaperRuleEdit } from './PaperRuleEdit';
import { PaperRuleList } from './PaperRuleList';

export default {
    list: PaperRuleList,
    edit: PaperRuleEdit,
    create: PaperRuleCreate,
    icon: DynamicFeedIcon,
    recordRepresentation: (record: PaperRuleRecord) => record.name,
};
