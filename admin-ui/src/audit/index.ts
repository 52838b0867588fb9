import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { AuditList } from './AuditList';
import { AuditShow } from './AuditShow';
import type { AuditEntry } from './auditTypes';

export default {
    list: AuditList,
    show: AuditShow,
    icon: ReceiptLongIcon,
    recordRepresentation: (record: AuditEntry) => `#${record.seq} ${record.action}`,
};
