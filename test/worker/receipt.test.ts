import { beforeEach, describe, expect, it } from 'vitest';
import { checkout, paidOrder, postHostedForm, resetSandbox, sandbox, snapshot, worker } from './support';

beforeEach(resetSandbox);

const S = '\u202f';

async function page(path: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string; response: Response }> {
  const response = await worker(path, { headers });
  return { status: response.status, html: await response.text(), response };
}

describe('GET /receipt/:transId', () => {
  it('prints the receipt of a paid order, in French by default', async () => {
    const started = await paidOrder('success');
    const { payId } = (await snapshot(started.transId)).order;
    const { status, html, response } = await page(`/receipt/${started.transId}`);
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    // The one inline style is allowed by its hash; no script may run.
    expect(response.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(html).not.toContain('<script');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Reçu de paiement</h1>');
    expect(html).toContain('<span class="status paid">Payé</span>');
    expect(html).toContain('<p class="shop">Boutique Démo</p>');
    expect(html).toContain('<dt>Article</dt><dd class="designation">T-shirt CinetPay (M)</dd>');
    expect(html).toContain(`<dt>Montant</dt><dd class="amount">5${S}000${S}F${S}CFA</dd>`);
    expect(html).toMatch(/<dt>Date<\/dt><dd class="paidAt">\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} UTC<\/dd>/);
    expect(html).toContain('<dt>Moyen de paiement</dt><dd class="method">Orange Money (OM)</dd>');
    expect(html).toContain(`<dt>Transaction</dt><dd class="transId">${started.transId}</dd>`);
    expect(html).toContain(`<dt>Référence CinetPay</dt><dd class="payId">${payId}</dd>`);
    expect(html).toContain('<dt>Statut</dt><dd>Payé</dd>');
    expect(html).toContain('@media print');
  });

  it('speaks English with ?lang=en', async () => {
    const started = await paidOrder('success');
    const { status, html } = await page(`/receipt/${started.transId}?lang=en`);
    expect(status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Payment receipt</h1>');
    expect(html).toContain(`<dt>Amount</dt><dd class="amount">5,000${S}F${S}CFA</dd>`);
    expect(html).toContain('<dt>Payment method</dt><dd class="method">Orange Money (OM)</dd>');
    expect(html).toContain('<dt>Status</dt><dd>Paid</dd>');
  });

  it('speaks the language the customer paid in, as the return pages do, whatever the browser prefers', async () => {
    const started = await paidOrder('success', { product: 'casquette', lang: 'en' });
    const { html } = await page(`/receipt/${started.transId}`, { 'accept-language': 'fr-CI,fr;q=0.9' });
    expect(html).toContain('<h1>Payment receipt</h1>');
  });

  it('escapes what the customer typed', async () => {
    const started = await paidOrder('success', { amount: 1000, designation: 'Don : <b>"Thé" & café</b>' });
    const { html } = await page(`/receipt/${started.transId}`);
    expect(html).toContain('Don : &lt;b&gt;&quot;Thé&quot; &amp; café&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('says a pending payment has no receipt yet, with 202, in both languages', async () => {
    const started = await paidOrder('pending');
    const french = await page(`/receipt/${started.transId}`);
    expect(french.status).toBe(202);
    expect(french.html).toContain('<h1>Pas encore de reçu</h1>');
    expect(french.html).toContain('<span class="status waiting">En attente</span>');
    expect(french.html).toContain('attend encore sa confirmation par CinetPay');
    expect(french.html).toContain(`<dt>Montant</dt><dd class="amount">5${S}000${S}F${S}CFA</dd>`);
    expect(french.html).not.toContain('Reçu de paiement');
    const english = await page(`/receipt/${started.transId}?lang=en`);
    expect(english.status).toBe(202);
    expect(english.html).toContain('<h1>No receipt yet</h1>');
    expect(english.html).toContain('<span class="status waiting">Pending</span>');
    expect(english.html).toContain('still waiting for CinetPay’s confirmation');
  });

  it('says a refused payment will have no receipt, with 409', async () => {
    const started = await paidOrder('otp_error');
    const { status, html } = await page(`/receipt/${started.transId}`);
    expect(status).toBe(409);
    expect(html).toContain('<span class="status failed">Refusé</span>');
    expect(html).toContain('aucun montant n’a été encaissé');
  });

  it('checks with CinetPay first, so a payment confirmed since the last notification gets its receipt', async () => {
    const started = await checkout({ product: 'tshirt-m' });
    // The customer paid, but no notification reached the Worker: the order still says PENDING.
    await postHostedForm(started);
    await sandbox(`/__sandbox/transactions/${started.transId}/outcome`, { method: 'POST', body: JSON.stringify({ outcome: 'success', notifications: 0 }) });
    expect((await snapshot(started.transId)).order.status).toBe('PENDING');
    const { status, html } = await page(`/receipt/${started.transId}`);
    expect(status).toBe(200);
    expect(html).toContain('<h1>Reçu de paiement</h1>');
  });

  it('answers 404 with a page for an unknown order, in the browser’s language', async () => {
    const french = await page('/receipt/999999999999');
    expect(french.status).toBe(404);
    expect(french.html).toContain('<h1>Commande introuvable</h1>');
    const english = await page('/receipt/999999999999', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(english.status).toBe(404);
    expect(english.html).toContain('<h1>Order not found</h1>');
  });

  it('answers 400 with a page for a malformed transaction id', async () => {
    for (const id of ['bad%20id', 'x'.repeat(65), '%3Cscript%3E']) {
      const { status, html } = await page(`/receipt/${id}`);
      expect(status, id).toBe(400);
      expect(html).toContain('<h1>Adresse de reçu invalide</h1>');
      expect(html).not.toContain('<script>');
    }
    const english = await page('/receipt/bad%20id?lang=en');
    expect(english.html).toContain('<h1>Invalid receipt address</h1>');
  });

  it('answers 429 with a page once a client passes the lookup limit', async () => {
    const statuses: number[] = [];
    // The limit (120 a minute) counts in fixed windows: a run that crosses a minute boundary needs up to twice as many to reach it.
    for (let i = 0; i < 245 && !statuses.includes(429); i++) {
      statuses.push((await worker('/receipt/999999999999', { headers: { 'cf-connecting-ip': '203.0.113.77' } })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 404)).toBe(true);
    const limited = await page('/receipt/999999999999', { 'cf-connecting-ip': '203.0.113.77' });
    expect(limited.html).toContain('<h1>Trop de demandes</h1>');
  });
});
