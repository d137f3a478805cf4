// An independent sr25519 implementation (polkadot-js util-crypto, on @scure/sr25519) for the Java tests.
// Reads one JSON request per line on stdin, writes one JSON answer per line:
//   {"op": "sign", "seed": "<hex32>", "message": "<utf8>"}            -> {"publicKey", "address", "signature"}
//   {"op": "verify", "publicKey": "<hex>", "message": "<utf8>", "signature": "<hex>"} -> {"valid": true|false}
//   (or "messageHex": "<hex>" for binary messages such as extrinsic signing payloads)
import { createInterface } from 'node:readline';
import { u8aToHex, hexToU8a, stringToU8a } from '@polkadot/util';
import { cryptoWaitReady, sr25519PairFromSeed, sr25519Sign, sr25519Verify, encodeAddress } from '@polkadot/util-crypto';

await cryptoWaitReady();
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  let answer;
  if (request.op === 'sign') {
    const pair = sr25519PairFromSeed(hexToU8a(request.seed));
    const signature = sr25519Sign(stringToU8a(request.message), pair);
    answer = { publicKey: u8aToHex(pair.publicKey, -1, false), address: encodeAddress(pair.publicKey, 42),
      signature: u8aToHex(signature, -1, false) };
  } else if (request.op === 'verify') {
    try {
      const message = request.messageHex ? hexToU8a(request.messageHex) : stringToU8a(request.message);
      answer = { valid: sr25519Verify(message, hexToU8a(request.signature), hexToU8a(request.publicKey)) };
    } catch (e) {
      answer = { valid: false, reason: String(e.message) }; // e.g. an R that is not a ristretto255 encoding
    }
  } else {
    answer = { error: 'unknown op ' + request.op };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
