import { z } from 'zod';

/** What Messenger shows for a choice: a quick reply, or a postback button of the button template. */
export interface QuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

export interface PostbackButton {
  type: 'postback';
  title: string;
  payload: string;
}

export type MessengerMessage =
  | { text: string; quick_replies?: QuickReply[] }
  | { attachment: { type: 'template'; payload: { template_type: 'button'; text: string; buttons: PostbackButton[] } } };

/** Inside the window a reply is a RESPONSE; outside it only a tagged message may go. */
export type Delivery = { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'ACCOUNT_UPDATE' | 'HUMAN_AGENT' };

export interface MessengerProfile {
  get_started?: { payload: string };
  greeting?: { locale: string; text: string }[];
  persistent_menu?: { locale: string; composer_input_disabled: boolean; call_to_actions: PostbackButton[] }[];
  ice_breakers?: { locale: string; call_to_actions: { question: string; payload: string }[] }[];
}

/** Graph's error body: `{ error: { message, type, code, error_subcode?, fbtrace_id } }`. */
const GraphErrorBody = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly subcode: number | undefined,
    message: string,
    readonly fbtraceId?: string,
  ) {
    super(`graph ${code}${subcode !== undefined ? `/${subcode}` : ''} (HTTP ${httpStatus}): ${message}`);
    this.name = 'GraphError';
  }
}

/** The network failed or Graph answered something that is not JSON: nothing is known about the message. */
export class GraphUnreachable extends Error {
  override name = 'GraphUnreachable';
}

const SendResponse = z.object({ recipient_id: z.string(), message_id: z.string().optional() });
const ResultResponse = z.object({ result: z.string() });

export interface GraphClient {
  sendMessage(psid: string, message: MessengerMessage, delivery: Delivery): Promise<{ messageId?: string }>;
  senderAction(psid: string, action: 'typing_on' | 'typing_off' | 'mark_seen'): Promise<void>;
  setProfile(profile: MessengerProfile): Promise<void>;
  getProfile(fields: (keyof MessengerProfile)[]): Promise<unknown>;
}

/**
 * A small typed client for the parts of Meta's Graph API that Setu uses:
 * the Send API and the Messenger Profile API. No Messenger SDK on npm is
 * kept up to date, and these are four calls.
 * @example createGraphClient({ root: 'https://graph.facebook.com', version: 'v25.0', token })
 */
export function createGraphClient(opts: { root: string; version: string; token: string; timeoutMs?: number }): GraphClient {
  const base = `${opts.root.replace(/\/$/, '')}/${opts.version}`;
  const timeoutMs = opts.timeoutMs ?? 15_000;

  const call = async (method: 'GET' | 'POST', path: string, body?: object, query: Record<string, string> = {}): Promise<unknown> => {
    const url = new URL(`${base}${path}`);
    url.searchParams.set('access_token', opts.token);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new GraphUnreachable(`graph unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GraphUnreachable(`graph answered HTTP ${res.status} with a body that is not JSON`);
    }
    const failure = GraphErrorBody.safeParse(json);
    if (failure.success) {
      const e = failure.data.error;
      throw new GraphError(res.status, e.code, e.error_subcode, e.message, e.fbtrace_id);
    }
    if (!res.ok) throw new GraphUnreachable(`graph answered HTTP ${res.status} without an error object`);
    return json;
  };

  return {
    async sendMessage(psid, message, delivery) {
      const json = SendResponse.parse(await call('POST', '/me/messages', { recipient: { id: psid }, ...delivery, message }));
      return json.message_id !== undefined ? { messageId: json.message_id } : {};
    },
    async senderAction(psid, action) {
      SendResponse.parse(await call('POST', '/me/messages', { recipient: { id: psid }, sender_action: action }));
    },
    async setProfile(profile) {
      ResultResponse.parse(await call('POST', '/me/messenger_profile', profile));
    },
    async getProfile(fields) {
      return call('GET', '/me/messenger_profile', undefined, { fields: fields.join(',') });
    },
  };
}
