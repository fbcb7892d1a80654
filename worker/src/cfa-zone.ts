/**
 * Which franc CFA the merchant's CinetPay account takes, as CinetPay's v2
 * and 2026 APIs name it: XOF, the BCEAO's (Côte d'Ivoire, Sénégal, Mali,
 * Burkina Faso, Bénin, Togo, Niger, Guinée-Bissau), or XAF, the BEAC's
 * (Cameroun, Gabon, Congo, Tchad, Centrafrique, Guinée équatoriale). The
 * catalog's `CFA` is sent under that name, and a payment is accepted only
 * in it. v1's form says `CFA` for both.
 */

export const CFA_ZONES = ['XOF', 'XAF'] as const;
export type CfaZone = (typeof CFA_ZONES)[number];
