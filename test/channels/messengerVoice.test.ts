import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { isSealed } from '../../src/infra/crypto/fieldCipher.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { SERVER_ERROR, startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { bribeGrievance, deliverer, eventBuilders, sends, shown, trackingNumberIn } from '../support/messengerWebhook.ts';
import { createOfficer, signedIn } from '../support/workspace.ts';

/**
 * Messenger audio notes, through the real signed webhook route: the note is
 * fetched from its attachment URL (the CDN stand-in, allowed by
 * FB_ATTACHMENT_HOSTS; no other host, ever), transcribed by the OpenAI
 * stand-in, and taken as typed.
 */

const TOKEN = 'EAAvoicePageToken';
const APP_SECRET = 'voice-app-secret';
const COMPLAINT = 'তিন মাস ধরে বয়স্ক ভাতার টাকা পাই না';
const BRIBE = 'The union clerk asked me for 2000 taka to put my name on the list.';
/** Stands for an AAC voice clip in an MP4 box, as Messenger records them. */
const CLIP = Buffer.concat([Buffer.from('\0\0\0\x18ftypmp42'), Buffer.alloc(1500, 3)]);

let graph: FakeGraph;
let ai: FakeOpenAI;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
/** Another host, not Meta's and not allowed: it records every request it gets. */
let elsewhere: Server;
let elsewhereUrl: string;
const elsewhereHits: string[] = [];
const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));

/** What the speech stand-in hears, by the clip's bytes. */
const heard = new Map<string, string>();
const hear = (req: { file: { bytes: Buffer } | null }) => ({ text: heard.get(req.file?.bytes.toString('latin1') ?? '') ?? '' });

beforeAll(async () => {
  graph = await startFakeGraph(TOKEN);
  ai = await startFakeOpenAI();
  ai.transcribe = hear;
  elsewhere = createServer((req, res) => {
    elsewhereHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'audio/mp4' }).end(CLIP);
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  db = tempSqliteUrl();
  const env = loadEnv({
    DATABASE_URL: db.url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    FB_PAGE_ACCESS_TOKEN: TOKEN,
    FB_APP_SECRET: APP_SECRET,
    FB_VERIFY_TOKEN: 'voice-verify',
    FB_GRAPH_API_ROOT: graph.root,
    // Meta's CDNs, and the stand-in's own origin; nothing else.
    FB_ATTACHMENT_HOSTS: `*.fbcdn.net, *.fbsbx.com, ${graph.root}`,
    OPENAI_BASE_URL: ai.baseURL,
    OPENAI_API_KEY: ai.apiKey,
    OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe',
  });
  setu = await start(env, createLogger('silent'), { clock });
});

afterAll(async () => {
  await setu.stop();
  await Promise.all([graph.close(), ai.close(), new Promise<void>((resolve) => elsewhere.close(() => resolve()))]);
  db.cleanup();
});

const b = eventBuilders(clock);
const deliver = deliverer({ setu: () => setu, graph: () => graph, appSecret: APP_SECRET, clock });
const texts = (calls: Awaited<ReturnType<typeof deliver>>['calls'], psid: string) => sends(calls, psid).map(shown).join('\n\n');

/** An audio clip on the CDN stand-in, heard as `words` (or as nothing). */
function clip(name: string, words: string | null): { url: string; bytes: Buffer } {
  const bytes = Buffer.concat([CLIP, Buffer.from(name)]);
  if (words !== null) heard.set(bytes.toString('latin1'), words);
  return { url: graph.serveFile(`v/t59.3654-21/${name}`, { type: 'audio/mp4', body: bytes }), bytes };
}

describe('a Messenger audio note is heard and taken as typed', () => {
  it('at the menu: "🎙️ শুনলাম" with the words, then the complaint form exactly as for the typed words', async () => {
    await deliver(b.page(b.text('3101', 'হ্যালো')));
    await deliver(b.page(b.text('3102', 'হ্যালো')));
    const typed = texts((await deliver(b.page(b.text('3101', COMPLAINT)))).calls, '3101');
    expect(typed).toContain(setu.app.translator.t('grievance:intro', 'bn'));

    const note = clip('audioclip-1795000000000-3102.mp4', COMPLAINT);
    const res = await deliver(b.page(b.attachment('3102', 'audio', note.url)));
    expect(res.status).toBe(200);
    const spoken = texts(res.calls, '3102');
    expect(spoken.startsWith(`🎙️ শুনলাম: “${COMPLAINT}”`)).toBe(true);
    expect(spoken.slice(spoken.indexOf('”') + 1).trim()).toBe(typed.trim());

    const upload = ai.transcriptions().at(-1);
    expect(upload?.fields).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'bn' });
    expect(upload?.file).toMatchObject({ name: 'audioclip-1795000000000-3102.mp4', type: 'audio/mp4' });
    expect(upload?.file?.bytes.equals(note.bytes)).toBe(true);
  });

  it('sent again by Meta (the same mid): not fetched, not transcribed and not answered again', async () => {
    await deliver(b.page(b.text('3103', 'হ্যালো')));
    const note = clip('audioclip-again.mp4', COMPLAINT);
    const event = b.attachment('3103', 'audio', note.url);
    expect(texts((await deliver(b.page(event))).calls, '3103')).toContain('🎙️ শুনলাম');
    const fetched = graph.cdnRequests.length;
    const transcribed = ai.transcriptions().length;
    const again = await deliver(b.page(event));
    expect(again.status).toBe(200);
    expect(sends(again.calls, '3103')).toEqual([]);
    expect(graph.cdnRequests.length).toBe(fetched);
    expect(ai.transcriptions().length).toBe(transcribed);
  });

  it('as a grievance\'s description: the case keeps the clip with its transcript, sealed, and the officer reads it beside the note', async () => {
    const psid = '3104';
    const note = clip('audioclip-bribe.mp4', BRIBE);
    const steps = bribeGrievance(b, psid);
    // The account of what happened, spoken instead of typed.
    steps[8] = b.attachment(psid, 'audio', note.url);
    let receipt = '';
    for (const step of steps) {
      const res = await deliver(b.page(step));
      receipt ||= trackingNumberIn(sends(res.calls, psid));
    }
    expect(receipt).toMatch(/^\d{9}$/);
    const prisma = setu.app.db.prisma;
    const lodged = await prisma.case.findUniqueOrThrow({ where: { trackingNumber: receipt } });
    const notes = await prisma.caseAttachment.findMany({ where: { caseId: lodged.id } });
    expect(notes.map((n) => ({ kind: n.kind, ref: n.ref }))).toEqual([{ kind: 'audio', ref: `messenger:${note.url}` }]);
    expect(isSealed(notes[0]?.transcript ?? '')).toBe(true);
    expect(notes[0]?.transcript).not.toContain('taka');
    expect(setu.app.cipher.decrypt(notes[0]?.transcript ?? '')).toBe(BRIBE);

    await createOfficer(setu.app, { name: 'Tungipara USSO', username: 'tungipara_clip', role: 'upazila', areaCode: lodged.upazilaCode, language: 'bn' });
    const officer = await signedIn(setu.url, 'tungipara_clip');
    const page = await officer.get(`/officer/cases/${receipt}`);
    const figure = page.text.match(/<figure class="transcript">([\s\S]*?)<\/figure>/)?.[1] ?? '';
    expect(figure).toContain(setu.app.translator.t('officer:voice.transcript', 'bn'));
    expect(figure).toContain(BRIBE);
  });
});

describe('a Messenger audio note that cannot be heard is answered as a voice note', () => {
  it('the speech model failing (500): the voice-note message, and what the person types next still counts', async () => {
    await deliver(b.page(b.text('3201', 'হ্যালো')));
    ai.transcribe = () => SERVER_ERROR;
    try {
      const asked = ai.transcriptions().length;
      const res = await deliver(b.page(b.attachment('3201', 'audio', clip('audioclip-fails.mp4', COMPLAINT).url)));
      expect(ai.transcriptions().length).toBe(asked + 1);
      expect(texts(res.calls, '3201')).toContain(setu.app.translator.t('common:invalid.voice', 'bn'));
    } finally {
      ai.transcribe = hear;
    }
    expect(texts((await deliver(b.page(b.text('3201', COMPLAINT)))).calls, '3201')).toContain(setu.app.translator.t('grievance:intro', 'bn'));
  });

  it.each([
    ['another host', () => `${elsewhereUrl}/v/t59.3654-21/audioclip.mp4`],
    ['Setu itself', () => `${setu.url}/health`],
    ['a look-alike of Meta\'s CDN over plain http', () => 'http://cdn.fbsbx.com.127.0.0.1.nip.io/audioclip.mp4'],
    ['a look-alike host name', () => 'https://fbcdn.net.evil.example/audioclip.mp4'],
  ])('a URL on %s is never fetched nor transcribed: the voice-note message', async (_what, url) => {
    await deliver(b.page(b.text('3202', 'হ্যালো')));
    const transcribed = ai.transcriptions().length;
    const res = await deliver(b.page(b.attachment('3202', 'audio', url())));
    expect(texts(res.calls, '3202')).toContain(setu.app.translator.t('common:invalid.voice', 'bn'));
    expect(elsewhereHits).toEqual([]);
    expect(ai.transcriptions().length).toBe(transcribed);
  });
});
