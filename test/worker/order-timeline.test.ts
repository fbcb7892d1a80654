import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../shared/api/admin';
import type { OrderSnapshot } from '../../worker/src/order-record';
import { admin, armFault, checkout, eventually, paidOrder, resetSandbox, webhookDeliveries } from './support';

beforeEach(resetSandbox);

type Detail = OrderSnapshot & { readonly timeline: readonly TimelineEvent[] };

async function detail(transId: string): Promise<Detail> {
  const response = await admin(`/admin/orders/${transId}`);
  expect(response.status).toBe(200);
  return response.json<Detail>();
}

describe('GET /admin/orders/:transId timeline', () => {
  it('tells a paid order’s story in order: created, check, transition, notification, delivery', async () => {
    const started = await paidOrder('success');
    // The paid-order notices are deliveries too, and may be delivered first; this story follows order.paid.
    const paid = `msg_${started.transId}_paid`;
    const timeline = await eventually(async () => {
      const { timeline } = await detail(started.transId);
      return timeline.some((event) => event.kind === 'delivery' && event.webhookId === paid && event.status === 200) ? timeline : undefined;
    });
    const story = timeline.filter((event) => event.kind !== 'delivery' || event.webhookId === paid);
    expect(story.map((event) => event.kind)).toEqual(['created', 'check', 'transition', 'notification', 'delivery']);
    expect(story[1]).toMatchObject({ kind: 'check', source: 'notify', outcome: 'paid' });
    expect(story[2]).toMatchObject({ kind: 'transition', from: 'PENDING', to: 'ACCEPTED', code: '00', source: 'notify' });
    expect(story[4]).toMatchObject({ kind: 'delivery', webhookId: paid, attempt: 1, status: 200 });
    const times = story.map((event) => event.at);
    expect(times).toEqual([...times].sort());
  });

  it('records every checkPayStatus answer, upstream faults included', async () => {
    const started = await checkout();
    await armFault({ method: 'checkPayStatus', fault: 'http_500', count: 1 });
    expect((await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' })).status).toBe(503);
    expect((await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' })).status).toBe(200);
    const { checks, timeline } = await detail(started.transId);
    expect(checks.map((check) => [check.source, check.outcome.split(' ')[0]])).toEqual([
      ['admin', 'upstream'],
      ['admin', 'pending'],
    ]);
    expect(timeline.filter((event) => event.kind === 'check')).toHaveLength(2);
  });
});

describe('POST /admin/orders/:transId/resend', () => {
  it('sends order.paid again with the same webhook-id and body', async () => {
    const started = await paidOrder('success');
    const first = await eventually(async () => {
      const deliveries = await webhookDeliveries(started.transId);
      return deliveries.length === 1 ? deliveries : undefined;
    });
    const webhookDelivered = (read: Detail): boolean => read.deliveries.some((delivery) => delivery.channel === 'webhook' && delivery.deliveredAt !== null);
    await eventually(async () => (webhookDelivered(await detail(started.transId)) ? true : undefined));
    const response = await admin(`/admin/orders/${started.transId}/resend`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ delivery: { webhookId: `msg_${started.transId}_paid` } });
    const both = await eventually(async () => {
      const deliveries = await webhookDeliveries(started.transId);
      return deliveries.length === 2 ? deliveries : undefined;
    });
    expect(both[1]?.headers['webhook-id']).toBe(first[0]?.headers['webhook-id']);
    expect(both[1]?.body).toBe(first[0]?.body);
    const { timeline } = await eventually(async () => {
      const read = await detail(started.transId);
      return read.timeline.filter((event) => event.kind === 'delivery' && event.channel === 'webhook').length === 2 ? read : undefined;
    });
    const webhookEvents = timeline.filter((event) => event.kind === 'resend' || (event.kind === 'delivery' && event.channel === 'webhook'));
    expect(webhookEvents.slice(-2).map((event) => event.kind)).toEqual(['resend', 'delivery']);
  });

  it('answers 409 NOTHING_TO_RESEND for an unpaid order and 404 for an unknown one', async () => {
    const started = await checkout();
    const unpaid = await admin(`/admin/orders/${started.transId}/resend`, { method: 'POST' });
    expect(unpaid.status).toBe(409);
    expect(await unpaid.json()).toMatchObject({ error: { code: 'NOTHING_TO_RESEND' } });
    expect((await admin('/admin/orders/1795792294110768967/resend', { method: 'POST' })).status).toBe(404);
  });
});
