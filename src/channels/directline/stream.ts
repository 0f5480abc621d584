import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { Logger } from '../../infra/log/logger.ts';
import type { Clock } from '../../engine/types.ts';
import { CHANNEL_ID } from './activity.ts';
import { BOT } from './sender.ts';
import { PAGE, type DirectLineStore } from './store.ts';
import type { DirectLineTokens } from './tokens.ts';
import { parseWatermark } from './watermark.ts';

/** `/v3/directline/conversations/<id>/stream?watermark=N&t=<stream token>` */
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;

/** Open streams at most, and per conversation (a second tab takes the place of the oldest beyond it). */
const MAX_SOCKETS = 10_000;
const PER_CONVERSATION = 4;
/** A socket whose client reads too slowly is closed rather than buffered without end; the client reconnects from its watermark. */
const MAX_BUFFERED = 1024 * 1024;
/** A socket that did not answer the last ping by the next one is gone. */
const PING_MS = 30_000;
/** How often streams look for activities another Setu process stored (this process's own are pushed at once). */
const SWEEP_MS = 3_000;
/** Conversations asked about per sweep query. */
const SWEEP_CHUNK = 200;

interface Subscriber {
  ws: WebSocket;
  conversationId: string;
  /** The last row sent. */
  watermark: number;
  busy: boolean;
  again: boolean;
  alive: boolean;
}

export interface DirectLineStream {
  /** Takes an HTTP upgrade to a conversation's stream; false when the path is not one (the caller closes the socket). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** New activities were stored for the conversation: push them to its open streams. */
  notify(conversationId: string): void;
  /** Setu is working on an answer: a `typing` Activity to the conversation's open streams (not stored). */
  typing(conversationId: string): void;
  /** Open streams now. */
  size(): number;
  /** Closes every stream (going away: the client reconnects elsewhere). */
  close(): void;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Direct Line's WebSocket stream: after the activities past the watermark of
 * its streamUrl, each new one as it is stored, as `{activities, watermark}`
 * frames (the same activities and watermarks as polling). The token in the
 * streamUrl opens only the stream of its conversation, for two minutes. Memory
 * is one small record per open socket, dropped when it closes.
 */
export function createDirectLineStream(deps: { store: DirectLineStore; tokens: DirectLineTokens; clock: Clock; log: Logger }): DirectLineStream {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, clientTracking: false });
  const subs = new Map<string, Set<Subscriber>>();
  let total = 0;
  let typingSeq = 0;
  let timers: NodeJS.Timeout[] = [];

  const remove = (sub: Subscriber): void => {
    const set = subs.get(sub.conversationId);
    if (!set?.delete(sub)) return;
    total -= 1;
    if (set.size === 0) subs.delete(sub.conversationId);
    if (total === 0) stopTimers();
  };

  const send = (sub: Subscriber, frame: object): void => {
    if (sub.ws.readyState !== WebSocket.OPEN) return;
    if (sub.ws.bufferedAmount > MAX_BUFFERED) {
      sub.ws.terminate();
      remove(sub);
      return;
    }
    sub.ws.send(JSON.stringify(frame));
  };

  /** Sends what is past the socket's watermark; one pass at a time per socket, so nothing goes twice or out of order. */
  const flush = async (sub: Subscriber): Promise<void> => {
    if (sub.busy) {
      sub.again = true;
      return;
    }
    sub.busy = true;
    try {
      do {
        sub.again = false;
        for (;;) {
          if (sub.ws.readyState !== WebSocket.OPEN) return;
          const page = await deps.store.after(sub.conversationId, sub.watermark);
          if (page.watermark === sub.watermark) break;
          sub.watermark = page.watermark;
          if (page.activities.length > 0) send(sub, { activities: page.activities, watermark: String(page.watermark) });
          if (page.activities.length < PAGE) break;
        }
      } while (sub.again);
    } catch (err) {
      deps.log.warn({ err, conversationId: sub.conversationId }, 'direct line stream: reading activities failed; the next one will try again');
    } finally {
      sub.busy = false;
    }
  };

  const sweep = async (): Promise<void> => {
    const ids = [...subs.keys()];
    for (let i = 0; i < ids.length; i += SWEEP_CHUNK) {
      const latest = await deps.store.latest(ids.slice(i, i + SWEEP_CHUNK));
      for (const [conversationId, newest] of latest) {
        for (const sub of subs.get(conversationId) ?? []) if (sub.watermark < newest) void flush(sub);
      }
    }
  };

  const ping = (): void => {
    for (const set of subs.values()) {
      for (const sub of [...set]) {
        if (!sub.alive) {
          sub.ws.terminate();
          remove(sub);
          continue;
        }
        sub.alive = false;
        sub.ws.ping();
      }
    }
  };

  const startTimers = (): void => {
    if (timers.length > 0) return;
    let sweeping = false;
    const sweepTimer = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      sweep()
        .catch((err: unknown) => deps.log.warn({ err }, 'direct line stream: sweep failed'))
        .finally(() => (sweeping = false));
    }, SWEEP_MS);
    timers = [sweepTimer, setInterval(ping, PING_MS)];
    for (const t of timers) t.unref();
  };
  const stopTimers = (): void => {
    for (const t of timers) clearInterval(t);
    timers = [];
  };

  const attach = (conversationId: string, ws: WebSocket, watermark: number): void => {
    const sub: Subscriber = { ws, conversationId, watermark, busy: false, again: false, alive: true };
    let set = subs.get(conversationId);
    if (!set) {
      set = new Set();
      subs.set(conversationId, set);
    }
    const oldest = set.size >= PER_CONVERSATION ? set.values().next().value : undefined;
    if (oldest) {
      oldest.ws.close(4000, 'replaced by a newer stream');
      remove(oldest);
    }
    set.add(sub);
    total += 1;
    startTimers();
    ws.on('pong', () => (sub.alive = true));
    // The client's keep-alives (empty messages) need no answer; nothing else is read from a stream.
    ws.on('message', () => (sub.alive = true));
    ws.on('close', () => remove(sub));
    ws.on('error', () => {
      ws.terminate();
      remove(sub);
    });
    void flush(sub);
  };

  return {
    upgrade(req, socket, head) {
      const url = URL.parse(req.url ?? '/', 'http://localhost');
      const match = url ? STREAM_PATH.exec(url.pathname) : null;
      const conversationId = match?.[1];
      if (!url || conversationId === undefined) return false;
      socket.on('error', () => socket.destroy());
      const token = url.searchParams.get('t');
      const verified = token === null ? null : deps.tokens.verify(token, 'stream');
      if (!verified || verified.conversationId !== conversationId) {
        refuse(socket, 403, 'Forbidden');
        return true;
      }
      const watermark = parseWatermark(url.searchParams.get('watermark'));
      if (watermark === null) {
        refuse(socket, 400, 'Bad Request');
        return true;
      }
      if (total >= MAX_SOCKETS) {
        refuse(socket, 503, 'Service Unavailable');
        return true;
      }
      deps.store.exists(conversationId).then(
        (exists) => {
          if (!exists) return refuse(socket, 404, 'Not Found');
          wss.handleUpgrade(req, socket, head, (ws) => attach(conversationId, ws, watermark));
        },
        () => refuse(socket, 503, 'Service Unavailable'),
      );
      return true;
    },
    notify(conversationId) {
      for (const sub of subs.get(conversationId) ?? []) void flush(sub);
    },
    typing(conversationId) {
      const set = subs.get(conversationId);
      if (!set) return;
      typingSeq += 1;
      const activity = {
        type: 'typing',
        id: `${conversationId}|typing-${typingSeq}`,
        timestamp: deps.clock.now().toISOString(),
        channelId: CHANNEL_ID,
        conversation: { id: conversationId },
        from: { ...BOT },
      };
      for (const sub of set) send(sub, { activities: [activity] });
    },
    size: () => total,
    close() {
      stopTimers();
      for (const set of subs.values()) for (const sub of set) sub.ws.close(1001, 'Setu is stopping');
      subs.clear();
      total = 0;
      wss.close();
    },
  };
}
