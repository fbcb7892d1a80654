/**
 * One order's story, as the console shows it: everything its object
 * recorded (creation, every transition, every notification and its verdict,
 * every answer of the payment service, every `order.paid` and paid-order notice
 * attempt, every resend request) merged into one list, oldest first. Built from the snapshot on
 * each read; nothing here is stored or decides anything.
 */

import type { TimelineEvent } from '../../shared/api/admin';
import type { OrderSnapshot } from './order-record';

/** Kinds in the order they happen within one millisecond: a check decides, then the transition, then the notification is answered. */
const SAME_INSTANT_ORDER: Readonly<Record<TimelineEvent['kind'], number>> = { created: 0, check: 1, transition: 2, notification: 3, resend: 4, delivery: 5 };

export function timeline(snapshot: OrderSnapshot): TimelineEvent[] {
  const { order } = snapshot;
  const events: TimelineEvent[] = [];
  for (const transition of snapshot.transitions) {
    events.push(
      transition.from === null
        ? { at: transition.at, kind: 'created', amount: order.amount, currency: order.currency, designation: order.designation }
        : { at: transition.at, kind: 'transition', from: transition.from, to: transition.to, code: transition.code, source: transition.source },
    );
  }
  for (const notification of snapshot.notifications) events.push({ at: notification.receivedAt, kind: 'notification', outcome: notification.outcome });
  for (const check of snapshot.checks) events.push({ at: check.at, kind: 'check', source: check.source, outcome: check.outcome });
  for (const entry of snapshot.deliveryLog) {
    events.push(
      entry.event === 'resend'
        ? { at: entry.at, kind: 'resend', webhookId: entry.webhookId }
        : {
            at: entry.at,
            kind: 'delivery',
            webhookId: entry.webhookId,
            channel: entry.channel,
            attempt: entry.attempt,
            status: entry.status,
            error: entry.error,
          },
    );
  }
  // A stable sort: entries of one kind keep their recorded order.
  return events.sort((a, b) => a.at.localeCompare(b.at) || SAME_INSTANT_ORDER[a.kind] - SAME_INSTANT_ORDER[b.kind]);
}
