import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, cinetpayErrorCode } from '../../shared/api/contract';
import { RESPONSE_CODES } from '../../shared/cinetpay/response-codes';
import { LANGUAGES } from '../../shared/cinetpay/wire';
import { customerMessage } from '../../worker/src/customer-messages';

const GENERIC_FR = 'La demande de paiement est invalide. Contactez la boutique.';
const GENERIC_EN = 'The payment request is invalid. Please contact the shop.';

describe('customerMessage for a CinetPay code reads as Annexe I says', () => {
  it('CINETPAY_609_AUTH_NOT_FOUND: the merchant cannot take payments, in fr and en', () => {
    expect(customerMessage('CINETPAY_609_AUTH_NOT_FOUND', 'fr')).toBe('Ce marchand ne peut pas encaisser de paiement pour le moment. Contactez la boutique.');
    expect(customerMessage('CINETPAY_609_AUTH_NOT_FOUND', 'en')).toBe('This merchant cannot take payments at the moment. Please contact the shop.');
  });

  it('uses the code, not the message after it', () => {
    expect(customerMessage('CINETPAY_627_SOMETHING_ELSE', 'fr')).toBe('Paiement annulé.');
    expect(customerMessage('CINETPAY_627', 'en')).toBe('Payment cancelled.');
  });

  it('every Annexe I code, carried as cinetpayErrorCode writes it, reads its own text', () => {
    for (const info of RESPONSE_CODES.values()) {
      for (const lang of LANGUAGES) {
        expect(customerMessage(cinetpayErrorCode(info.code, info.message), lang), `${info.code} ${lang}`).toBe(info.text[lang]);
      }
    }
  });

  it('a CinetPay code Annexe I does not list reads as the generic text', () => {
    expect(customerMessage('CINETPAY_999_NEW_ERROR', 'fr')).toBe(GENERIC_FR);
    expect(customerMessage('CINETPAY_999_NEW_ERROR', 'en')).toBe(GENERIC_EN);
  });

  it('does not read a longer number as an Annexe I code', () => {
    expect(customerMessage('CINETPAY_6090_X', 'en')).toBe(GENERIC_EN);
    expect(customerMessage('CINETPAY_609X', 'en')).toBe(GENERIC_EN);
  });
});

describe('customerMessage for our own codes', () => {
  it("AMOUNT_TOO_LOW names the guide's minimum of 5 F CFA", () => {
    expect(customerMessage('AMOUNT_TOO_LOW', 'fr')).toBe('Le montant minimum est de 5 F CFA.');
    expect(customerMessage('AMOUNT_TOO_LOW', 'en')).toBe('The minimum amount is 5 F CFA.');
  });

  it('NETWORK_ERROR asks to check the connection', () => {
    expect(customerMessage('NETWORK_ERROR', 'fr')).toBe('Impossible de joindre le service de paiement. Vérifiez votre connexion et réessayez.');
    expect(customerMessage('NETWORK_ERROR', 'en')).toBe('The payment service could not be reached. Check your connection and try again.');
  });

  it('the upstream failures all read as "temporarily unavailable"', () => {
    for (const code of ['UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNPARSEABLE', 'INTERNAL_ERROR']) {
      expect(customerMessage(code, 'fr')).toBe('Le paiement est momentanément indisponible. Réessayez dans quelques instants.');
      expect(customerMessage(code, 'en')).toBe('Payment is temporarily unavailable. Please try again in a moment.');
    }
  });

  it('an own code without a specific text reads as the generic text', () => {
    expect(customerMessage('INVALID_JSON', 'fr')).toBe(GENERIC_FR);
    expect(customerMessage('UNKNOWN_FIELD', 'en')).toBe(GENERIC_EN);
  });

  it('every own code has a non-empty text in both languages, and French differs from English', () => {
    for (const code of API_ERROR_CODES) {
      const fr = customerMessage(code, 'fr');
      const en = customerMessage(code, 'en');
      expect(typeof fr === 'string' && fr.trim() !== '', `${code} fr`).toBe(true);
      expect(typeof en === 'string' && en.trim() !== '', `${code} en`).toBe(true);
      expect(fr, code).not.toBe(en);
    }
  });
});

describe('customerMessage for unknown codes: the generic text, never nothing', () => {
  it.each(['', 'SOMETHING_NEW', 'amount_too_low', 'cinetpay_609_auth_not_found'])('%j reads as the generic text', (code) => {
    expect(customerMessage(code, 'fr')).toBe(GENERIC_FR);
    expect(customerMessage(code, 'en')).toBe(GENERIC_EN);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'a code named like an Object.prototype member (%s) reads as the generic text',
    (code) => {
      expect(customerMessage(code, 'fr')).toBe(GENERIC_FR);
      expect(customerMessage(code, 'en')).toBe(GENERIC_EN);
    },
  );
});
