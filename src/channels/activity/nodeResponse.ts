import type { ServerResponse } from 'node:http';
import { Activity } from '@microsoft/agents-activity';
import type { WebResponse } from '@microsoft/agents-hosting';

/**
 * Node's own response as the SDK's `WebResponse` (what `authorizeJWT` and
 * `CloudAdapter.process` write to), so they run on plain node:http. `send`
 * ends the response, as Express's does. Activities in a body (the
 * `{ activities }` of an expectReplies answer) are written in their wire form,
 * `channelId` and not the SDK's internal `_channelId`.
 */
export class NodeWebResponse implements WebResponse {
  constructor(private readonly res: ServerResponse) {}

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  get writableEnded(): boolean {
    return this.res.writableEnded;
  }

  status(code: number): this {
    if (!this.res.headersSent) this.res.statusCode = code;
    return this;
  }

  setHeader(name: string, value: string): this {
    if (!this.res.headersSent) this.res.setHeader(name, value);
    return this;
  }

  send(body?: unknown): this {
    if (this.res.writableEnded) return this;
    if (body === undefined || body === null) {
      this.res.end();
      return this;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body, (_key, value: unknown) => (value instanceof Activity ? (JSON.parse(value.toJsonString()) as unknown) : value));
    if (!this.res.headersSent && !this.res.hasHeader('content-type')) {
      this.res.setHeader('content-type', typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
    }
    this.res.end(text);
    return this;
  }

  end(): this {
    if (!this.res.writableEnded) this.res.end();
    return this;
  }
}
