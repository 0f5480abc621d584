import { addOfficer, setPasswordWithLink, type NewOfficer } from '../../src/app/officers/accounts.ts';
import type { App } from '../../src/app/createApp.ts';
import type { InboundBody } from '../../src/engine/types.ts';

/** A browser without a browser: follows nothing, keeps cookies, posts forms. */
export class FormClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    const res = this.keep(await fetch(`${this.base}${path}`, { redirect: 'manual', headers: this.cookieHeader() }));
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
    const res = this.keep(
      await fetch(`${this.base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader(), ...headers },
        body: new URLSearchParams(form).toString(),
      }),
    );
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  /** The CSRF token of the forms on a page. */
  static csrf(html: string): string {
    return html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  }
}

export const PASSWORD = 'correct horse battery';

/** Creates an officer with a password set through their one-time link, as they would on first sign-in. */
export async function createOfficer(app: App, input: NewOfficer): Promise<string> {
  const deps = { db: app.db.prisma, writes: app.db.writes, clock: app.clock };
  const added = await addOfficer(deps, input, 'test');
  if (!added.ok) throw new Error(added.problem);
  const set = await setPasswordWithLink(deps, added.signInToken, PASSWORD, PASSWORD);
  if (!set.ok) throw new Error(set.problem);
  return added.officerId;
}

/** Signs in through the sign-in form and returns the client holding the session. */
export async function signedIn(base: string, username: string): Promise<FormClient> {
  const client = new FormClient(base);
  const form = await client.get('/officer/signin');
  const res = await client.post('/officer/signin', { _csrf: FormClient.csrf(form.text), username, password: PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in failed for ${username}: ${res.status}`);
  return client;
}

/**
 * Lodges a grievance as a citizen in the terminal chat would: a bribe
 * (urgent) unless another category is given, about the widow allowance in a
 * union of Tungipara, in the citizen's language. Returns the case's tracking
 * number.
 */
export async function lodgeFromTerminal(app: App, user: string, lang: 'bn' | 'en', description: string, category = 'bribe'): Promise<string> {
  const steps: InboundBody[] = [
    { type: 'start', payload: 'grievance' },
    { type: 'choice', choiceId: `lang.${lang}` },
    { type: 'choice', choiceId: `cat.${category}` },
    { type: 'choice', choiceId: 'prog.widow' },
    { type: 'text', text: lang === 'bn' ? 'টুঙ্গিপাড়া' : 'tungipara gopalganj' },
    { type: 'text', text: '1' },
    { type: 'text', text: '1' },
    { type: 'text', text: description },
    { type: 'choice', choiceId: 'phone.skip' },
    { type: 'choice', choiceId: 'id.private' },
    { type: 'choice', choiceId: 'sum.submit' },
  ];
  let n = 0;
  for (const body of steps) {
    await app.pipeline.handle({ channel: 'console', userId: user, messageId: `${user}-${++n}-${Date.now()}`, body, receivedAt: app.clock.now() });
  }
  const c = await app.db.prisma.case.findFirst({ where: { contactId: `console:${user}` }, orderBy: { createdAt: 'desc' } });
  if (!c) throw new Error(`no case lodged by ${user}`);
  return c.trackingNumber;
}
