// A receiver of an outgoing document as the API names it (receiverCode/receiverName, or
// code/name in the receivers of a draft).
import type { Delivery } from '../types';

export const deliveryCodeOf = (d: Pick<Delivery, 'receiverCode' | 'code'>): string => d.receiverCode ?? d.code ?? '';
export const deliveryNameOf = (d: Pick<Delivery, 'receiverName' | 'name' | 'receiverCode' | 'code'>): string =>
    d.receiverName ?? d.name ?? deliveryCodeOf(d);

/** The answer to the latest recall / update / replace, whichever shape the API used. */
export const changeOf = (d: Delivery) =>
    d.change ?? (d.changeKind ? { kind: d.changeKind, code: d.changeCode ?? null, reason: d.changeReason ?? null, at: d.changeAt ?? null } : null);
