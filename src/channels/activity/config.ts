import { existsSync } from 'node:fs';
import { AuthType, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { Env } from '../../config/env.ts';

/** The Azure Bot's app registration, under the Agents SDK's names. */
export interface BotCredentials {
  clientId: string;
  tenantId: string;
  credential: { clientSecret: string } | { certPemFile: string; certKeyFile: string };
  authorityEndpoint?: string;
}

/**
 * How `POST /api/messages` runs: off (404) with neither credentials nor
 * anonymous use allowed; anonymous (no token asked, replies only to this
 * machine) when ACTIVITY_ALLOW_ANONYMOUS is set outside production; or with
 * credentials, when every call must carry a Bot Framework / Entra token.
 */
export type ActivityMode = { kind: 'off' } | { kind: 'anonymous' } | { kind: 'authenticated'; credentials: BotCredentials };

/** The SDK's name first, the older Bot Framework name second: the same setting. */
const PAIRS = [
  ['clientId', 'MicrosoftAppId'],
  ['tenantId', 'MicrosoftAppTenantId'],
  ['clientSecret', 'MicrosoftAppPassword'],
] as const;

function read(env: Env) {
  return {
    clientId: env.clientId ?? env.MicrosoftAppId,
    tenantId: env.tenantId ?? env.MicrosoftAppTenantId,
    clientSecret: env.clientSecret ?? env.MicrosoftAppPassword,
    certPemFile: env.certPemFile,
    certKeyFile: env.certKeyFile,
  };
}

/**
 * What is wrong with the Activity endpoint's settings, in words for whoever
 * starts Setu; null when they hold together (or nothing is set).
 */
export function activityConfigProblem(env: Env): string | null {
  for (const [sdk, legacy] of PAIRS) {
    if (env[sdk] !== undefined && env[legacy] !== undefined && env[sdk] !== env[legacy]) return `${sdk} and ${legacy} name the same setting and differ: set one of them`;
  }
  const c = read(env);
  const given = Object.values(c).some((v) => v !== undefined);
  if (given) {
    const missing = [
      ...(c.clientId === undefined ? ['clientId'] : []),
      ...(c.tenantId === undefined ? ['tenantId'] : []),
      ...(c.clientSecret === undefined && c.certPemFile === undefined && c.certKeyFile === undefined ? ['clientSecret (or certPemFile and certKeyFile)'] : []),
      ...(c.certPemFile !== undefined && c.certKeyFile === undefined ? ['certKeyFile'] : []),
      ...(c.certKeyFile !== undefined && c.certPemFile === undefined ? ['certPemFile'] : []),
    ];
    if (missing.length > 0) return `The Bot Framework Activity endpoint (/api/messages) needs clientId, tenantId and clientSecret (or certPemFile and certKeyFile) of the Azure Bot; missing: ${missing.join(', ')}`;
    if (c.clientSecret !== undefined && c.certPemFile !== undefined) return 'The Activity endpoint takes clientSecret or certPemFile/certKeyFile, not both';
    for (const file of [c.certPemFile, c.certKeyFile]) if (file !== undefined && !existsSync(file)) return `The Activity endpoint's certificate file ${file} does not exist`;
    return null;
  }
  if (env.ACTIVITY_ALLOW_ANONYMOUS && env.NODE_ENV === 'production') {
    return 'ACTIVITY_ALLOW_ANONYMOUS=true is for trying /api/messages on this machine and is refused with NODE_ENV=production: register an Azure Bot and set clientId, tenantId and clientSecret (README, "Bot Framework Activity endpoint")';
  }
  return null;
}

/** The mode the settings ask for; call after {@link activityConfigProblem} found nothing. */
export function activityMode(env: Env): ActivityMode {
  const c = read(env);
  if (c.clientId !== undefined && c.tenantId !== undefined) {
    const credential = c.clientSecret !== undefined ? { clientSecret: c.clientSecret } : { certPemFile: c.certPemFile ?? '', certKeyFile: c.certKeyFile ?? '' };
    return { kind: 'authenticated', credentials: { clientId: c.clientId, tenantId: c.tenantId, credential, ...(env.authorityEndpoint ? { authorityEndpoint: env.authorityEndpoint } : {}) } };
  }
  return env.ACTIVITY_ALLOW_ANONYMOUS && env.NODE_ENV !== 'production' ? { kind: 'anonymous' } : { kind: 'off' };
}

const CONNECTION = 'serviceConnection';

/**
 * The SDK's configuration for the mode, given whole: one connection under the
 * SDK's default name, every key set (undefined included), so that nothing the
 * SDK would otherwise read from the process environment by itself
 * (`clientId`, `Connections__…`) is mixed in: what Setu validated is what runs.
 * The token's issuer is checked too (the SDK leaves that off by default).
 */
export function authConfigFor(mode: ActivityMode): AuthConfiguration {
  const connection: AuthConfiguration =
    mode.kind === 'authenticated'
      ? {
          clientId: mode.credentials.clientId,
          tenantId: mode.credentials.tenantId,
          authorityEndpoint: mode.credentials.authorityEndpoint,
          validateIssuer: true,
          ...('clientSecret' in mode.credentials.credential
            ? { authType: AuthType.ClientSecret, clientSecret: mode.credentials.credential.clientSecret, certPemFile: undefined, certKeyFile: undefined }
            : { authType: AuthType.Certificate, clientSecret: undefined, ...mode.credentials.credential }),
        }
      : { clientId: undefined, tenantId: undefined, clientSecret: undefined, certPemFile: undefined, certKeyFile: undefined, authType: undefined };
  return { ...connection, connections: new Map([[CONNECTION, connection]]), connectionsMap: [{ serviceUrl: '*', connection: CONNECTION }] };
}
