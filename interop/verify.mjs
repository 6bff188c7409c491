// Verify credentials with the Digital Credentials Consortium libraries, offline.
// stdin:  {"credentials": [...], "documents": {url: document}, "now": "optional ISO date"}
// stdout: [{"verified": bool, "errors": [str], "status": {"revocation": bool, "suspension": bool} | null,
//           "log": [...]}] — `status.<purpose>` is true when the bit is set (revoked / suspended).
import * as vc from '@digitalcredentials/vc';
import {DataIntegrityProof} from '@digitalcredentials/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalcredentials/vc-bitstring-status-list';
import {makeDocumentLoader, readStdinJson} from './loader.mjs';

function messages(error) {
  const out = [];
  const seen = new Set();
  const walk = e => {
    if(!e || seen.has(e)) {
      return;
    }
    seen.add(e);
    if(Array.isArray(e)) {
      e.forEach(walk);
      return;
    }
    if(e.message) {
      out.push(String(e.message));
    }
    walk(e.cause);
    walk(e.errors);
  };
  walk(error);
  return out;
}

async function verifyOne(credential, documentLoader, now) {
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
  let result;
  try {
    result = await vc.verifyCredential({
      credential, suite, documentLoader, checkStatus, ...(now ? {now: new Date(now)} : {}),
    });
  } catch(error) {
    return {verified: false, errors: messages(error), status: null, log: []};
  }
  const errors = messages(result.error);
  for(const r of result.results || []) {
    errors.push(...messages(r.error));
  }
  let status = null;
  if(result.statusResult) {
    status = {};
    for(const r of result.statusResult.results || []) {
      status[r.credentialStatus.statusPurpose] = !r.verified;
    }
    errors.push(...messages(result.statusResult.error));
  }
  return {verified: Boolean(result.verified), errors: [...new Set(errors)], status, log: result.log || []};
}

const bundle = await readStdinJson();
const documentLoader = makeDocumentLoader(bundle.documents || {});
const verdicts = [];
for(const credential of bundle.credentials || []) {
  verdicts.push(await verifyOne(credential, documentLoader, bundle.now));
}
process.stdout.write(JSON.stringify(verdicts));
