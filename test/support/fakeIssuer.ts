import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIssuer {
  /** Pass as `authorityEndpoint`: the SDK then fetches keys from `{root}/{tenantId}/discovery/v2.0/keys`. */
  root: string;
  /** The issuer its tokens name, `{root}/{tenantId}/v2.0` (one of those the SDK accepts for that authority). */
  issuer: string;
  /** Paths of the key requests it answered. */
  keyRequests: string[];
  /** An RS256 token over `claims`, signed with the issuer's key (or `key`, under the issuer's key id unless `kid` is given). */
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * A local stand-in for an Entra token issuer on 127.0.0.1: an RSA key of its
 * own, published as a JWKS where the Agents SDK looks for the keys of a
 * non-Bot-Service issuer (`{authority}/{tenant}/discovery/v2.0/keys`), and
 * tokens signed with it. Nothing in Setu or the SDK is replaced: the SDK's
 * `authorizeJWT` fetches these keys over HTTP and checks the signature,
 * audience, expiry and issuer as it would Entra's.
 */
export async function startFakeIssuer(tenantId: string): Promise<FakeIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'setu-test-key-1';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const keyRequests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    keyRequests.push(path);
    if (req.method === 'GET' && path === `/${tenantId}/discovery/v2.0/keys`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const root = `http://127.0.0.1:${port}`;
  return {
    root,
    issuer: `${root}/${tenantId}/v2.0`,
    keyRequests,
    sign(claims, options = {}) {
      const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid }));
      const payload = b64url(JSON.stringify(claims));
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(options.key ?? privateKey);
      return `${header}.${payload}.${b64url(signature)}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
