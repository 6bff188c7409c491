// Offline JSON-LD document loader for the DCC libraries: serves only the documents of the input bundle
// (contexts, DID documents, status list credentials) and resolves did:key itself. No network, ever.
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const DID_V1 = 'https://www.w3.org/ns/did/v1';

function didKeyDocument(did) {
  const fingerprint = did.slice('did:key:'.length);
  const id = `${did}#${fingerprint}`;
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [{id, type: 'Multikey', controller: did, publicKeyMultibase: fingerprint}],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id],
  };
}

export function makeDocumentLoader(documents = {}) {
  const lookup = url => {
    if(Object.prototype.hasOwnProperty.call(documents, url)) {
      return structuredClone(documents[url]);
    }
    if(url.startsWith('did:key:') && !url.includes('#')) {
      return didKeyDocument(url);
    }
    return undefined;
  };
  return async url => {
    let document = lookup(url);
    if(document === undefined && url.startsWith('did:') && url.includes('#')) {
      // A verification method: find it inside its controller's DID document.
      const didDocument = lookup(url.split('#')[0]);
      const method = (didDocument?.verificationMethod || []).find(m => m.id === url);
      if(method) {
        document = {'@context': MULTIKEY_V1, ...method};
      }
    }
    if(document === undefined) {
      const error = new Error(`Document not available offline: ${url}`);
      error.name = 'jsonld.LoadDocumentError';
      throw error;
    }
    return {contextUrl: null, documentUrl: url, document};
  };
}

export async function keyPairFromSeed({seedHex, id, controller}) {
  const seed = Uint8Array.from(Buffer.from(seedHex, 'hex'));
  return Ed25519Multikey.generate({id, controller, seed});
}

export async function readStdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
