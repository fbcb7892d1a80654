/**
 * The CinetPay API v1 emulation: `POST /v1/?method=NAME` with a
 * form-urlencoded body, answering exactly the JSON shapes of the guide, every
 * value a string, errors as `{"status":{"code","message"}}` (HTTP 200, as the
 * live service). Each call first takes an armed fault for its method, if any.
 * All four methods check the apikey (609) and the site id (613).
 */

import { API_METHODS, type ApiMethod, HISTORY_FILTERS, type HistoryFilters, type StatusResponse } from '../../shared/wire';
import { type SandboxConfig, sandboxConfig } from './config';
import { applyRecordFault, garbageResponse, internalErrorResponse, isRecordFault, sleep } from './faults';
import { filterHistory } from './history-filter';
import { apiJson, apiStatus } from './http';
import { readLenientForm } from './lenient-form';
import type { ArmedFault } from './model';
import { checkCredentials, checkSignatureRequest } from './payment-fields';
import type { SandboxStub } from './sandbox-stub';
import { signFields } from './signer';

/** 624 UNKNOWN_ERROR: for an unknown method, and for a trans id never signed (Annexe I has no "not found"; 624 keeps a verifier retrying rather than refusing). */
const UNKNOWN_ERROR_CODE = '624';

type Fields = Readonly<Record<string, string>>;

async function getSignatureByPost(fields: Fields, config: SandboxConfig, state: SandboxStub): Promise<Response> {
  const checked = checkSignatureRequest(fields, config);
  if (!checked.ok) return apiStatus(checked.error.code);
  const signature = await signFields(checked.value.signed);
  await state.issueSignature(checked.value.signed, signature);
  // The guide's "bonne réponse": the signature as a JSON string.
  return apiJson(signature);
}

async function checkPayStatus(fields: Fields, config: SandboxConfig, state: SandboxStub, fault: ArmedFault | null): Promise<Response> {
  const credentials = checkCredentials(fields, ['apikey', 'cpm_site_id', 'cpm_trans_id'], config);
  if (!credentials.ok) return apiStatus(credentials.error.code);
  const record = await state.statusRecord(fields['cpm_trans_id'] ?? '');
  if (record === null) return apiStatus(UNKNOWN_ERROR_CODE);
  const body: StatusResponse = { transaction: fault && isRecordFault(fault.fault) ? applyRecordFault(record, fault.fault) : record };
  return apiJson(body);
}

async function getTransHistory(fields: Fields, config: SandboxConfig, state: SandboxStub): Promise<Response> {
  const credentials = checkCredentials(fields, ['apikey', 'cpm_site_id'], config);
  if (!credentials.ok) return apiStatus(credentials.error.code);
  const filters: Record<string, string> = {};
  for (const name of HISTORY_FILTERS) {
    const value = fields[name];
    if (value !== undefined) filters[name] = value;
  }
  const rows = filterHistory(await state.historyRecords(), filters satisfies HistoryFilters);
  if (!rows.ok) return apiStatus(rows.error.code);
  return apiJson({ Transactions: { transaction: rows.value } });
}

async function getCompteStatus(fields: Fields, config: SandboxConfig, state: SandboxStub): Promise<Response> {
  const credentials = checkCredentials(fields, ['apikey', 'cpm_site_id'], config);
  if (!credentials.ok) return apiStatus(credentials.error.code);
  return apiJson(await state.balance());
}

/** `POST /v1/?method=NAME`. */
export async function handleApi(request: Request, env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const name = new URL(request.url).searchParams.get('method');
  const method: ApiMethod | undefined = API_METHODS.find((known) => known === name);
  // Not an Annexe I situation: a 404, still in the API's error shape so that any client can read it.
  if (method === undefined) return apiStatus(UNKNOWN_ERROR_CODE, 404);
  const form = await readLenientForm(request);
  const fault = await state.takeFault(method);
  if (fault?.fault === 'timeout') await sleep(fault.delayMs);
  if (fault?.fault === 'http_500') return internalErrorResponse();
  if (fault?.fault === 'garbage') return garbageResponse();
  if (!form.ok) {
    return form.error.code === 'TOO_LARGE' ? new Response('Payload Too Large', { status: 413 }) : apiStatus('608');
  }
  const config = sandboxConfig(env);
  switch (method) {
    case 'getSignatureByPost':
      return getSignatureByPost(form.value, config, state);
    case 'checkPayStatus':
      return checkPayStatus(form.value, config, state, fault);
    case 'getTransHistory':
      return getTransHistory(form.value, config, state);
    case 'getCompteStatus':
      return getCompteStatus(form.value, config, state);
  }
}
