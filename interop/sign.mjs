// Sign a credential with the DCC libraries (eddsa-rdfc-2022) and print DCC's canonical N-Quads.
// stdin:  {"credential": {...}, "seedHex": "<32-byte Ed25519 seed>", "verificationMethod": "did:…#key",
//          "created": "2026-01-01T00:00:00Z", "documents": {url: document}, "iterations": 0}
// stdout: {"signed": {...}, "nquads": "<canonical document>", "proofNquads": "<canonical proof config>",
//          "timingsMs": [per-signature times, when iterations > 0; measured in-process, no start-up]}
import * as vc from '@digitalcredentials/vc';
import {DataIntegrityProof} from '@digitalcredentials/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import {keyPairFromSeed, makeDocumentLoader, readStdinJson} from './loader.mjs';

const input = await readStdinJson();
const documentLoader = makeDocumentLoader(input.documents || {});
const controller = input.verificationMethod.split('#')[0];
const keyPair = await keyPairFromSeed({seedHex: input.seedHex, id: input.verificationMethod, controller});
const signer = keyPair.signer();
const date = input.created ? new Date(input.created) : undefined;

async function signOnce() {
  const suite = new DataIntegrityProof({signer, date, cryptosuite: eddsaRdfc2022CryptoSuite});
  return vc.issue({credential: structuredClone(input.credential), suite, documentLoader});
}

const signed = await signOnce();
const timingsMs = [];
for(let i = 0; i < (input.iterations || 0); ++i) {
  const start = process.hrtime.bigint();
  await signOnce();
  timingsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const {proof, ...unsecured} = signed;
const {proofValue, ...proofOptions} = proof;
const nquads = await eddsaRdfc2022CryptoSuite.canonize(unsecured, {documentLoader});
const proofNquads = await eddsaRdfc2022CryptoSuite.canonize(
  {...proofOptions, '@context': unsecured['@context']}, {documentLoader});
process.stdout.write(JSON.stringify({signed, nquads, proofNquads, timingsMs}));
