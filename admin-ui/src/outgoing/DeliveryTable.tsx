// Delivery tracking (R-OUT-5, R-OUT-4, R-RCL-1): per receiver the channel, the latest status with
// its edXML code and time, a refusal's reason, when it was sent, the paper copy, the answer to a
// recall or update — and the paper actions for that receiver.
import { Alert, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { DeliveryStatusChip } from '../documents/DocumentFields';
import { formatDateTimeVN } from '../fields/DateTimeField';
import type { Delivery, OutgoingDocument, Task } from '../types';
import { changeOf, deliveryCodeOf, deliveryNameOf } from './deliveries';
import { PaperDispatchedButton, PaperRecalledButton, PrintForReceiverButton } from './OutgoingActions';

export const deliveriesQueryKey = (id: unknown) => ['outgoing', 'deliveries', String(id)];

const ChangeAnswer = ({ delivery }: { delivery: Delivery }) => {
    const translate = useTranslate();
    const change = changeOf(delivery);
    if (!change?.kind) return <span>—</span>;
    const color = change.code === '15' ? 'success' : change.code === '16' ? 'error' : 'warning';
    return (
        <Stack spacing={0.25}>
            <Chip
                size="small"
                color={color}
                variant="outlined"
                label={`${translate(`app.document.change_kind.${change.kind}`, { _: change.kind })}: ${translate(`app.document.change_code.${change.code ?? '13'}`, { _: change.code ?? '' })}${change.code ? ` (${change.code})` : ''}`}
                data-testid={`delivery-change-${deliveryCodeOf(delivery)}`}
            />
            {change.reason && (
                <Typography variant="caption" color="text.secondary">
                    {change.reason}
                </Typography>
            )}
        </Stack>
    );
};

const PaperCell = ({ delivery }: { delivery: Delivery }) => {
    const translate = useTranslate();
    if (!delivery.paperStatus) return <span>—</span>;
    return (
        <Stack spacing={0.25}>
            <span>{translate(`app.document.paper_status.${delivery.paperStatus}`, { _: delivery.paperStatus })}</span>
            {delivery.paperDispatchedAt && (
                <Typography variant="caption" color="text.secondary">
                    {formatDateTimeVN(delivery.paperDispatchedAt)}
                </Typography>
            )}
        </Stack>
    );
};

export const DeliveryTable = () => {
    const record = useRecordContext<OutgoingDocument & { tasks?: Task[] }>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const translate = useTranslate();
    const { data, isPending, error } = useQuery({
        queryKey: deliveriesQueryKey(record?.id),
        queryFn: () => dataProvider.getDeliveries(record!.id),
        enabled: !!record?.id,
    });
    if (!record) return null;
    if (isPending) return <Loading />;
    if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
    const deliveries = data?.data ?? [];
    if (!deliveries.length) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.outgoing.deliveries.empty')}
            </Typography>
        );
    }
    const paperRecallOpen = new Set((record.tasks ?? []).filter(t => t.step === 'paper_recall' && t.receiverCode).map(t => t.receiverCode!));
    return (
        <Table size="small" data-testid="delivery-table">
            <TableHead>
                <TableRow>
                    <TableCell>{translate('app.outgoing.deliveries.receiver')}</TableCell>
                    <TableCell>{translate('app.outgoing.deliveries.channel')}</TableCell>
                    <TableCell>{translate('app.outgoing.deliveries.status')}</TableCell>
                    <TableCell>{translate('app.outgoing.deliveries.status_at')}</TableCell>
                    <TableCell>{translate('app.outgoing.deliveries.sent_at')}</TableCell>
                    <TableCell>{translate('app.outgoing.deliveries.paper')}</TableCell>
                    <TableCell>{translate('app.outgoing.deliveries.change')}</TableCell>
                    <TableCell />
                </TableRow>
            </TableHead>
            <TableBody>
                {deliveries.map(delivery => {
                    const code = deliveryCodeOf(delivery);
                    return (
                        <TableRow key={code} data-testid={`delivery-${code}`}>
                            <TableCell>
                                <Typography variant="body2">{deliveryNameOf(delivery)}</Typography>
                                <Typography variant="caption" color="text.secondary">
                                    {code}
                                </Typography>
                            </TableCell>
                            <TableCell>{translate(`app.document.channel.${delivery.channel}`, { _: delivery.channel })}</TableCell>
                            <TableCell>
                                <DeliveryStatusChip status={delivery.status} code={delivery.statusCode} />
                                {delivery.reason && (
                                    <Typography variant="caption" color="error" component="div" data-testid={`delivery-reason-${code}`}>
                                        {delivery.reason}
                                    </Typography>
                                )}
                            </TableCell>
                            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeVN(delivery.statusAt)}</TableCell>
                            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeVN(delivery.sentAt) || '—'}</TableCell>
                            <TableCell>
                                <PaperCell delivery={delivery} />
                            </TableCell>
                            <TableCell>
                                <ChangeAnswer delivery={delivery} />
                            </TableCell>
                            <TableCell>
                                <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'flex-end', flexWrap: 'wrap' }}>
                                    <PrintForReceiverButton delivery={delivery} />
                                    <PaperDispatchedButton delivery={delivery} />
                                    <PaperRecalledButton delivery={delivery} taskOpen={paperRecallOpen.has(code)} />
                                </Stack>
                            </TableCell>
                        </TableRow>
                    );
                })}
            </TableBody>
        </Table>
    );
};
