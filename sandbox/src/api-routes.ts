/**
 * The CinetPay API v1 emulation: `POST /v1/?method=NAME` with a
 * form-urlencoded body, answering exactly the JSON shapes of the guide, every
 * value a string, errors as `{"status":{"code","message"}}` (HTTP 200, as the
 * live service). Each call first takes an armed fault for its method, if any;
 * then its mandatory fields (608), the apikey (609) and the site id (613) are
 * checked here, once for every method, before the method itself runs.
 */

import { API_METHODS, type ApiMethod, HISTORY_FILTERS, type HistoryFilters, type StatusResponse } from '../../shared/cinetpay/wire';
import { sandboxConfig } from './config';
import { applyRecordFault, garbageResponse, internalErrorResponse, isRecordFault, sleep } from './faults';
import { filterHistory } from './history-filter';
import { apiJson, apiStatus } from './http';
import { readLenientForm } from './lenient-form';
import type { ArmedFault } from './model';
import { checkCredentials, checkSignatureRequest, SIGNATURE_REQUIRED } from './payment-fields';
import type { SandboxStub } from './sandbox-stub';
import { signFields } from './signer';

/** 624 UNKNOWN_ERROR: for an unknown method, and for a trans id never signed (Annexe I has no "not found"; 624 keeps a verifier retrying rather than refusing). */
const UNKNOWN_ERROR_CODE = '624';

type Fields = Readonly<Record<string, string>>;

/** One API method: the fields whose absence is a 608 before the credentials are read, and its answer once they passed. */
interface Method {
  readonly required: readonly string[];
  readonly answer: (fields: Fields, state: SandboxStub, fault: ArmedFault | null) => Promise<Response>;
}

/** What every method is called with, whatever else it needs. */
const CREDENTIALS = ['apikey', 'cpm_site_id'];

async function getSignatureByPost(fields: Fields, state: SandboxStub): Promise<Response> {
  const checked = checkSignatureRequest(fields);
  if (!checked.ok) return apiStatus(checked.error.code);
  const signature = await signFields(checked.value.signed);
  await state.issueSignature(checked.value.signed, signature);
  // The guide's "bonne réponse": the signature as a JSON string.
  return apiJson(signature);
}

async function checkPayStatus(fields: Fields, state: SandboxStub, fault: ArmedFault | null): Promise<Response> {
  const record = await state.statusRecord(fields['cpm_trans_id'] ?? '');
  if (record === null) return apiStatus(UNKNOWN_ERROR_CODE);
  const body: StatusResponse = { transaction: fault && isRecordFault(fault.fault) ? applyRecordFault(record, fault.fault) : record };
  return apiJson(body);
}

async function getTransHistory(fields: Fields, state: SandboxStub): Promise<Response> {
  const filters: Record<string, string> = {};
  for (const name of HISTORY_FILTERS) {
    const value = fields[name];
    if (value !== undefined) filters[name] = value;
  }
  const rows = filterHistory(await state.historyRecords(), filters satisfies HistoryFilters);
  if (!rows.ok) return apiStatus(rows.error.code);
  return apiJson({ Transactions: { transaction: rows.value } });
}

async function getCompteStatus(_fields: Fields, state: SandboxStub): Promise<Response> {
  return apiJson(await state.balance());
}

const METHODS: Readonly<Record<ApiMethod, Method>> = {
  getSignatureByPost: { required: SIGNATURE_REQUIRED, answer: getSignatureByPost },
  checkPayStatus: { required: [...CREDENTIALS, 'cpm_trans_id'], answer: checkPayStatus },
  getTransHistory: { required: CREDENTIALS, answer: getTransHistory },
  getCompteStatus: { required: CREDENTIALS, answer: getCompteStatus },
};

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
  const { required, answer } = METHODS[method];
  const credentials = checkCredentials(form.value, required, sandboxConfig(env));
  if (!credentials.ok) return apiStatus(credentials.error.code);
  return answer(form.value, state, fault);
}
