/**
 * The CinetPay v1 merchant guide's (v1.6.2) own sample answers, copied
 * verbatim from the guide text, indentation and all. Nothing here is
 * corrected: where the guide's typesetting lost a character, the fixture
 * keeps the loss and the tests say so.
 */

/** 2.2, "Exemple de réponse bonne": getSignatureByPost's answer, a JSON string (quotes included). */
export const GUIDE_SIGNATURE_BODY = `"95db7a68358e8cb8831db947d8abcfef002af755"`;

/** The signature that body carries. */
export const GUIDE_SIGNATURE = '95db7a68358e8cb8831db947d8abcfef002af755';

/** 2.2, "Exemple de réponse JSON obtenu en cas d'erreur". */
export const GUIDE_ERROR_609 = `{
  "status": {
    "code": "609",
    "message": "AUTH_NOT_FOUND"
  }
}`;

/** 3.2, the checkPayStatus answer. */
export const GUIDE_STATUS_3_2 = `{
  "transaction": {
    "cpm_site_id": "296911",
    "signature": "4dfbf5b8f40818abffe754b8a8aa04e4d29af25f",
    "cpm_amount": "11",
    "cpm_trans_date": "04092017140045",
    "cpm_trans_id": "50445985950",
    "cpm_custom": "08373459U",
    "cpm_currency": "CFA",
    "cpm_payid": "MP170904.1401.A91088",
    "cpm_payment_date": "2017-09-04",
    "cpm_payment_time": "14:01:35",
    "cpm_error_message": "SUCCES",
    "payment_method": "OM",
    "cpm_phone_prefixe": "225",
    "cel_phone_num": "79557788",
    "cpm_ipn_ack": "Y",
    "created_at": "2017-09-04 14:00:54",
    "updated_at": "2017-09-04 14:01:06",
    "cpm_result": "00",
    "cpm_trans_status": "ACCEPTED",
    "cpm_designation": "Test",
    "buyer_name": ""
  }
}`;

/**
 * 3.3, the getTransHistory answer, AS PRINTED: it lacks its final closing
 * brace (the outer object is never closed), a typesetting loss. Kept as is;
 * see GUIDE_HISTORY_3_3_COMPLETED.
 */
export const GUIDE_HISTORY_3_3 = `{
  "Transactions": {
    "transaction": [{
      "cpm_site_id": "997744",
      "signature": "d2a3ce8f4e4b58d12ff42810a2391b7c014782f9",
      "cpm_amount": "250",
      "cpm_trans_id": "52422",
      "cpm_custom": "63#42#mpl",
      "cpm_currency": "CFA",
      "cpm_payid": "",
      "cpm_payment_date": "2015-07-05",
      "cpm_payment_time": "10:39:57",
      "cpm_error_message": "OTP_CODE_ERROR",
      "payment_method": "MOMO",
      "cpm_phone_prefixe": "225",
      "cel_phone_num": "06477877",
      "cpm_ipn_ack": "N",
      "created_at": "2015-07-05 10:39:57",
      "updated_at": "2015-07-05 10:39:57",
      "cpm_result": "604",
      "cpm_trans_status": "REFUSED",
      "cpm_designation": "",
      "buyer_name": ""
    },
    {
      "cpm_site_id": "997744",
      "signature": "aef5f497aeeb4f6ff07367649792634938960241",
      "cpm_amount": "25000",
      "cpm_trans_id": "52552255555",
      "cpm_custom": "522#633#mpl",
      "cpm_currency": "CFA",
      "cpm_payid": "",
      "cpm_payment_date": "2015-07-04",
      "cpm_payment_time": "17:47:49",
      "cpm_error_message": "OTP_CODE_ERROR",
      "payment_method": "MOMO",
      "cpm_phone_prefixe": "225",
      "cel_phone_num": "06477877",
      "cpm_ipn_ack": "N",
      "created_at": "2015-07-04 17:47:49",
      "updated_at": "2015-07-04 17:47:49",
      "cpm_result": "604",
      "cpm_trans_status": "REFUSED",
      "cpm_designation": "",
      "buyer_name": ""
    }
  ]
}`;

/** 3.3 with the one missing `}` appended, and nothing else changed. */
export const GUIDE_HISTORY_3_3_COMPLETED = `${GUIDE_HISTORY_3_3}\n}`;

/**
 * 3.4, the getCompteStatus answer, AS PRINTED: a page break cut it into two
 * code blocks (joined here by a newline), and it lacks its final closing
 * brace, like 3.3. Annexe II prints the same answer complete.
 */
export const GUIDE_BALANCE_3_4_FIRST_BLOCK = `{
  "user": {
    "compte": {`;
export const GUIDE_BALANCE_3_4_SECOND_BLOCK = `
        "solde": "865.4",
        "credit": "900",
        "debit": "34.6"
    },
    "service": {
        "solde": "33.6",
        "credit": "35",
        "debit": "1.4"
    }
}
`;
export const GUIDE_BALANCE_3_4 = `${GUIDE_BALANCE_3_4_FIRST_BLOCK}\n${GUIDE_BALANCE_3_4_SECOND_BLOCK}`;

/** 3.4 with the one missing `}` appended. */
export const GUIDE_BALANCE_3_4_COMPLETED = `${GUIDE_BALANCE_3_4}\n}`;

/** Annexe II, "Cet exemple devrait afficher ceci": the getCompteStatus answer, complete. */
export const GUIDE_BALANCE_ANNEXE_II = `{
  "user": {
    "compte": {
      "solde": "865.4",
      "credit": "900",
      "debit": "34.6"
    },
    "service": {
      "solde": "33.6",
      "credit": "35",
      "debit": "1.4"
    }
  }
}`;

/**
 * The guide's Annexe II `postData` builds its body as PHP does,
 * `$postfield .= $index . '=' . $value . "&"`, then drops the last `&`:
 * nothing is escaped. Reproduced here to show what it does to real values.
 */
export function guideNaivePostfield(params: Readonly<Record<string, string>>): string {
  let postfield = '';
  for (const [index, value] of Object.entries(params)) postfield += `${index}=${value}&`;
  return postfield.slice(0, -1);
}
