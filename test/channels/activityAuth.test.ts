import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityConfigProblem, activityMode } from '../../src/channels/activity/config.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.ts';
import { startFakeIssuer, type FakeIssuer } from '../support/fakeIssuer.ts';

/**
 * The Activity endpoint with an Azure Bot's credentials configured: every call
 * must carry a token the SDK's authorizeJWT accepts. The tokens come from a
 * local stand-in issuer (its own RSA key and JWKS), named to the SDK as the
 * Entra authority (`authorityEndpoint`), so the SDK's own checks run:
 * signature against the fetched keys, audience, expiry, issuer, and the
 * `serviceurl` claim against the Activity's serviceUrl.
 */

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT_ID = '99999999-8888-4777-8666-555555555555';
const BOT = { id: `28:${CLIENT_ID}`, name: 'Setu' };

let issuer: FakeIssuer;
let connector: FakeConnector;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));

beforeAll(async () => {
  issuer = await startFakeIssuer(TENANT);
  connector = await startFakeConnector();
  db = tempSqliteUrl();
  const env = loadEnv({
    DATABASE_URL: db.url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    clientId: CLIENT_ID,
    tenantId: TENANT,
    clientSecret: 'not-a-real-secret',
    authorityEndpoint: issuer.root,
    // The stand-in connector's host, besides Microsoft's.
    ACTIVITY_SERVICE_HOSTS: '127.0.0.1',
  });
  setu = await start(env, createLogger('silent'), { clock });
});

afterAll(async () => {
  await setu.stop();
  await connector.close();
  await issuer.close();
  db.cleanup();
});

let seq = 0;
function activity(conversationId: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `msg-${++seq}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: conversationId },
    from: { id: `29:user-${conversationId}`, name: 'Karim' },
    recipient: BOT,
    text: 'hello',
    locale: 'en-US',
    ...extra,
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Claims as Bot Service's token for this bot would carry them. */
const claims = (over: Record<string, unknown> = {}) => ({
  iss: issuer.issuer,
  aud: CLIENT_ID,
  tid: TENANT,
  iat: nowSeconds() - 60,
  nbf: nowSeconds() - 60,
  exp: nowSeconds() + 3600,
  serviceurl: connector.url,
  ...over,
});

async function post(body: object, authorization?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${setu.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

const contactsOf = (conversationId: string) => setu.app.db.prisma.contact.count({ where: { id: `activity:msteams:${conversationId}` } });

describe('/api/messages with credentials', () => {
  const refused: Array<{ name: string; authorization: () => string | undefined; why: RegExp }> = [
    { name: 'no token', authorization: () => undefined, why: /authorization header not found/ },
    { name: 'not a Bearer token', authorization: () => `Basic ${Buffer.from('a:b').toString('base64')}`, why: /invalid authorization header/ },
    { name: 'a token that is not a JWT', authorization: () => 'Bearer not.a.jwt', why: /invalid token/ },
    { name: 'signed by another key (under the issuer\'s key id)', authorization: () => `Bearer ${issuer.sign(claims(), { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })}`, why: /invalid signature/ },
    { name: 'for another audience', authorization: () => `Bearer ${issuer.sign(claims({ aud: '00000000-0000-4000-8000-000000000001' }))}`, why: /Audience mismatch/ },
    { name: 'expired an hour ago', authorization: () => `Bearer ${issuer.sign(claims({ exp: nowSeconds() - 3600, iat: nowSeconds() - 7200, nbf: nowSeconds() - 7200 }))}`, why: /jwt expired/ },
    { name: 'from an issuer that is not this tenant\'s', authorization: () => `Bearer ${issuer.sign(claims({ iss: 'https://login.microsoftonline.com/00000000-0000-4000-8000-00000000000f/v2.0' }))}`, why: /Issuer mismatch/ },
  ];
  for (const r of refused) {
    it(`refuses ${r.name}: 401, and nothing is handled`, async () => {
      const conversationId = `refused-${seq}`;
      const { status, text } = await post(activity(conversationId), r.authorization());
      expect(status).toBe(401);
      // Refused for that reason, by the SDK's own check.
      expect((JSON.parse(text) as Record<string, string>)['jwt-auth-error']).toMatch(r.why);
      expect(await contactsOf(conversationId)).toBe(0);
    });
  }

  it('accepts a token of the configured issuer: 200 and the turn runs; the reply waits for an outbound token, never posted without one', async () => {
    const { status } = await post(activity('ok-1'), `Bearer ${issuer.sign(claims())}`);
    expect(status).toBe(200);
    expect(await contactsOf('ok-1')).toBe(1);
    expect(issuer.keyRequests).toContain(`/${TENANT}/discovery/v2.0/keys`);
    const rows = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: 'activity:msteams:ok-1' } });
    expect(rows.length).toBeGreaterThan(0);
    await setu.app.worker.drain();
    // No Entra here to give Setu its own token (MSAL needs the real authority): the message is kept for a retry…
    const after = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: 'activity:msteams:ok-1' }, orderBy: { id: 'asc' } });
    expect(after[0]).toMatchObject({ status: 'pending', attempts: 1 });
    // (MSAL refuses the stand-in's http authority: "authority_uri_insecure".)
    expect(after[0]?.lastError).toMatch(/^connector unreachable: /);
    // … and nothing went to the connector without a token.
    expect(connector.calls.filter((c) => c.authorization === undefined)).toEqual([]);
  });

  it('answers expectReplies in the response: a whole credentialed turn with no outbound token needed', async () => {
    const { status, text } = await post(activity('ok-2', { deliveryMode: 'expectReplies' }), `Bearer ${issuer.sign(claims())}`);
    expect(status).toBe(200);
    const { activities } = JSON.parse(text) as { activities: Array<{ text: string; from: { id: string }; recipient: { id: string }; channelId: string }> };
    expect(activities.map((a) => a.text).join('\n')).toMatch(/Welcome to Setu/);
    expect(activities[0]).toMatchObject({ from: { id: BOT.id }, recipient: { id: '29:user-ok-2' }, channelId: 'msteams' });
    expect(connector.messages('ok-2')).toEqual([]);
  });

  it('refuses an Activity whose serviceUrl is not the one the token names, or not an allowed host: 400', async () => {
    const token = `Bearer ${issuer.sign(claims({ serviceurl: 'https://smba.trafficmanager.net/amer/' }))}`;
    expect((await post(activity('mismatch'), token)).status).toBe(400);
    const elsewhere = `Bearer ${issuer.sign(claims({ serviceurl: 'https://files.example/' }))}`;
    expect((await post(activity('elsewhere', { serviceUrl: 'https://files.example/' }), elsewhere)).status).toBe(400);
    expect(await contactsOf('mismatch')).toBe(0);
    expect(await contactsOf('elsewhere')).toBe(0);
  });
});

describe('the Activity endpoint\'s settings', () => {
  const base = { DATABASE_URL: 'file:/nonexistent/x.db', SETU_DATA_KEY: TEST_DATA_KEY };

  it('is off (404) with neither credentials nor anonymous use', async () => {
    expect(activityMode(loadEnv(base))).toEqual({ kind: 'off' });
    const other = tempSqliteUrl();
    const off = await start(loadEnv({ ...base, DATABASE_URL: other.url, PORT: '0' }), createLogger('silent'));
    try {
      expect(off.activity).toBeNull();
      expect((await fetch(`${off.url}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await off.stop();
      other.cleanup();
    }
  });

  it('refuses a production start that would take Activities anonymously, and names missing credentials', async () => {
    await expect(start(loadEnv({ ...base, NODE_ENV: 'production', ACTIVITY_ALLOW_ANONYMOUS: 'true' }), createLogger('silent'))).rejects.toThrow(/ACTIVITY_ALLOW_ANONYMOUS=true .* refused with NODE_ENV=production/);
    expect(activityConfigProblem(loadEnv({ ...base, clientId: CLIENT_ID }))).toMatch(/missing: tenantId, clientSecret \(or certPemFile and certKeyFile\)/);
    expect(activityConfigProblem(loadEnv({ ...base, clientId: CLIENT_ID, tenantId: TENANT, certPemFile: '/nonexistent.pem' }))).toMatch(/missing: certKeyFile/);
    expect(activityConfigProblem(loadEnv({ ...base, clientId: CLIENT_ID, MicrosoftAppId: '00000000-0000-4000-8000-000000000001' }))).toMatch(/clientId and MicrosoftAppId .* differ/);
    expect(() => loadEnv({ ...base, clientId: 'setu-bot' })).toThrow(/clientId is a GUID/);
    expect(() => loadEnv({ ...base, authorityEndpoint: 'http://login.example.org' })).toThrow(/authorityEndpoint is an https URL/);
  });

  it('reads the Bot Framework names as the SDK\'s, and takes credentials over anonymous use in production', () => {
    const legacy = loadEnv({ ...base, NODE_ENV: 'production', ACTIVITY_ALLOW_ANONYMOUS: 'true', MicrosoftAppId: CLIENT_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 's' });
    expect(activityConfigProblem(legacy)).toBeNull();
    expect(activityMode(legacy)).toEqual({ kind: 'authenticated', credentials: { clientId: CLIENT_ID, tenantId: TENANT, credential: { clientSecret: 's' } } });
    expect(activityMode(loadEnv({ ...base, ACTIVITY_ALLOW_ANONYMOUS: 'true' }))).toEqual({ kind: 'anonymous' });
  });
});
