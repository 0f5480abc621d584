import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/main.ts';
import { tempSqliteUrl } from '../support/appHarness.ts';
import { DirectLineClient, startSetu } from '../support/directLine.ts';
import { createOfficer, signedIn } from '../support/workspace.ts';

/**
 * Photos and voice notes through Direct Line's upload, as Direct Line JS
 * sends them (an `activity` part and `file` parts): kept by Setu (sealed, in
 * its data folder, under names it makes), attached to the grievance they
 * were sent for, and shown to the officer of the case's area.
 */

/** A PNG's signature and the start of its header chunk, then bytes that should not be seen at rest. */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.from('PHOTO-OF-THE-LIST-PLAINTEXT')]);
const OGG = Buffer.concat([Buffer.from('OggS'), Buffer.from([0, 2, 0, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('VOICE-NOTE-PLAINTEXT')]);

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let dataDir: string;

beforeAll(async () => {
  db = tempSqliteUrl();
  dataDir = mkdtempSync(join(tmpdir(), 'setu-dl-upload-'));
  setu = await startSetu(db.url, dataDir, { env: { DIRECTLINE_UPLOAD_MB: '1' } });
});

afterAll(async () => {
  await setu.stop();
  db.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Upload {
  bytes: Buffer;
  type: string;
  name: string;
}

/** An upload as botframework-directlinejs makes it (postMessageWithAttachments). */
function uploadForm(files: Upload[], text?: string, clientActivityID = `up-${Math.random()}`): FormData {
  const form = new FormData();
  const activity = {
    type: 'message',
    from: { id: 'dl_user', role: 'user' },
    ...(text ? { text } : {}),
    channelData: { clientActivityID },
    attachments: files.map((f) => ({ contentType: f.type, name: f.name })),
  };
  form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
  for (const f of files) form.append('file', new Blob([f.bytes], { type: f.type }), f.name);
  return form;
}

const upload = (dl: DirectLineClient, form: FormData) =>
  fetch(dl.url('/upload?userId=dl_user'), { method: 'POST', headers: dl.auth, body: form });

/** To the question "what happened": a bribe about the widow allowance, in a union of Tungipara. */
async function toDescription(dl: DirectLineClient): Promise<void> {
  await dl.start();
  await dl.replies();
  for (const step of ['menu.grievance', 'cat.bribe', 'prog.widow']) {
    await dl.press(step);
    await dl.replies();
  }
  for (const text of ['টুঙ্গিপাড়া', '1', '1']) {
    await dl.say(text);
    await dl.replies();
  }
  expect(DirectLineClient.botTexts(dl.seen.slice(-2)).join('\n')).toMatch(/ছবি বা ভয়েস/);
}

describe('Direct Line uploads', () => {
  it('attaches a photo and a voice note to the grievance, sealed at rest, and shows them to the officer', async () => {
    const dl = await DirectLineClient.generate(setu.url);
    await toDescription(dl);

    const photo = await upload(dl, uploadForm([{ bytes: PNG, type: 'image/png', name: '../../etc/passwd.png' }]));
    expect(photo.status).toBe(200);
    const photoId = ((await photo.json()) as { id: string }).id;
    const afterPhoto = await dl.replies();
    expect(afterPhoto[0]).toMatchObject({ id: photoId, from: { role: 'user' }, attachments: [{ name: 'photo-1.png' }] });
    expect(DirectLineClient.botTexts(afterPhoto).join('\n')).toMatch(/মোট ১টি/);

    const voice = await upload(dl, uploadForm([{ bytes: OGG, type: 'audio/ogg', name: 'voice.ogg' }]));
    expect(voice.status).toBe(200);
    await dl.replies();

    await dl.say('চেয়ারম্যান ৫০০০ টাকা চেয়েছে');
    await dl.replies();
    for (const step of ['phone.skip', 'id.private']) {
      await dl.press(step);
      await dl.replies();
    }
    expect(DirectLineClient.botTexts(dl.seen.slice(-3)).join('\n')).toMatch(/সংযুক্তি: ২টি/);
    await dl.press('sum.submit');
    expect(DirectLineClient.botTexts(await dl.replies()).join('\n')).toMatch(/ট্র্যাকিং নম্বর/);

    const lodged = await setu.app.db.prisma.case.findFirstOrThrow({ where: { contactId: `directline:${dl.conversationId}` } });
    const attachments = await setu.app.db.prisma.caseAttachment.findMany({ where: { caseId: lodged.id }, orderBy: { id: 'asc' } });
    expect(attachments.map((a) => a.kind)).toEqual(['image', 'audio']);
    for (const a of attachments) expect(a.ref).toMatch(/^directline:[A-Za-z0-9_-]{24}$/);

    // Kept under names Setu made, owner-only, and sealed: the bytes are not in the files.
    const folder = join(dataDir, 'directline-files');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const stored = readdirSync(folder);
    expect(stored.sort()).toEqual(attachments.map((a) => a.ref.slice('directline:'.length)).sort());
    for (const name of stored) {
      expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
      const bytes = readFileSync(join(folder, name));
      expect(bytes.includes(Buffer.from('PLAINTEXT'))).toBe(false);
    }

    // The officer of the case's upazila opens them through Setu.
    await createOfficer(setu.app, { name: 'Tungipara Officer', username: 'tungipara', role: 'upazila', areaCode: lodged.upazilaCode, language: 'en' });
    const officer = await signedIn(setu.url, 'tungipara');
    const page = await officer.get(`/officer/cases/${lodged.trackingNumber}`);
    expect(page.status).toBe(200);
    for (const [i, expected] of [
      { type: 'image/png', bytes: PNG },
      { type: 'audio/ogg', bytes: OGG },
    ].entries()) {
      const a = attachments[i];
      expect(page.text).toContain(`/attachments/${a?.id}`);
      const res = await fetch(`${setu.url}/officer/cases/${lodged.trackingNumber}/attachments/${a?.id}`, { headers: { cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(expected.type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(expected.bytes)).toBe(true);
    }
  });

  it('refuses a file posing as an image or as audio, and anything but images and audio', async () => {
    const dl = await DirectLineClient.generate(setu.url);
    await toDescription(dl);
    const html = Buffer.from('<html><script>fetch("/officer/export.csv?reveal=1")</script></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const f of [
      { bytes: html, type: 'image/png', name: 'photo.png' },
      { bytes: svg, type: 'image/svg+xml', name: 'photo.svg' },
      { bytes: OGG, type: 'image/jpeg', name: 'photo.jpg' },
      { bytes: PNG, type: 'audio/ogg', name: 'voice.ogg' },
      { bytes: html, type: 'audio/mpeg', name: 'voice.mp3' },
      { bytes: Buffer.from('%PDF-1.7'), type: 'application/pdf', name: 'letter.pdf' },
      { bytes: html, type: 'application/octet-stream', name: 'blob' },
    ]) {
      const res = await upload(dl, uploadForm([f]));
      expect(res.status, `${f.type} ${f.name}`).toBe(415);
    }
    // One bad file among good ones: nothing of the upload is kept.
    expect((await upload(dl, uploadForm([{ bytes: PNG, type: 'image/png', name: 'a.png' }, { bytes: html, type: 'image/png', name: 'b.png' }]))).status).toBe(415);
    await new Promise((r) => setTimeout(r, 200));
    expect((await dl.poll()).activities).toEqual([]);
  });

  it('refuses an upload over the cap (413) and a form that is not one (400)', async () => {
    const dl = await DirectLineClient.generate(setu.url);
    await dl.start();
    await dl.replies();
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 10)]);
    expect((await upload(dl, uploadForm([{ bytes: big, type: 'image/png', name: 'big.png' }]))).status).toBe(413);
    // Two files under the cap each, over it together.
    const half = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);
    expect((await upload(dl, uploadForm([{ bytes: half, type: 'image/png', name: 'a.png' }, { bytes: half, type: 'image/png', name: 'b.png' }]))).status).toBe(413);
    const broken = await fetch(dl.url('/upload'), { method: 'POST', headers: { ...dl.auth, 'content-type': 'multipart/form-data; boundary=x' }, body: 'not a form' });
    expect(broken.status).toBe(400);
    const empty = new FormData();
    empty.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
    expect((await upload(dl, empty)).status).toBe(400);
    expect((await dl.poll()).activities).toEqual([]);
  });

  it('answers an upload sent again once', async () => {
    const dl = await DirectLineClient.generate(setu.url);
    await toDescription(dl);
    const before = readdirSync(join(dataDir, 'directline-files')).length;
    const form = () => uploadForm([{ bytes: PNG, type: 'image/png', name: 'a.png' }], undefined, 'same-upload');
    const first = (await (await upload(dl, form())).json()) as { id: string };
    const again = (await (await upload(dl, form())).json()) as { id: string };
    expect(again.id).toBe(first.id);
    const got = await dl.replies();
    expect(got.filter((a) => a.from.role === 'user')).toHaveLength(1);
    // One "received (1 in all)", and never a second file counted.
    expect(DirectLineClient.botTexts(got).filter((t) => /মোট ১টি/.test(t))).toHaveLength(1);
    expect(DirectLineClient.botTexts(got).join('\n')).not.toMatch(/মোট ২টি/);
    expect(readdirSync(join(dataDir, 'directline-files')).length).toBe(before + 1);
  });
});
