/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import { MIN_PASSWORD_LENGTH } from '../../app/officers/password.ts';
import { Csrf, Flash, Layout, type PageContext } from './layout.tsx';

export const LoginPage: FC<{ ctx: PageContext; csrf: string; problem?: string | undefined; notice?: string | undefined; username?: string }> = ({ ctx, csrf, problem, notice, username }) => (
  <Layout ctx={ctx} title={ctx.t('login.heading')}>
    <div class="card">
      <h1>{ctx.t('login.heading')}</h1>
      <Flash text={notice} />
      <Flash text={problem} error />
      <form method="post" action="/officer/signin">
        <Csrf token={csrf} />
        <label>
          {ctx.t('login.username')}
          <br />
          <input name="username" autocomplete="username" required value={username ?? ''} />
        </label>
        <label>
          {ctx.t('login.password')}
          <br />
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button class="primary" type="submit">
          {ctx.t('login.submit')}
        </button>
      </form>
    </div>
  </Layout>
);

export const WelcomePage: FC<{ ctx: PageContext; csrf: string; name: string | null; token: string; problem?: string | undefined }> = ({ ctx, csrf, name, token, problem }) => (
  <Layout ctx={ctx} title={ctx.t('login.heading')}>
    <div class="card">
      {name === null ? (
        <Flash text={ctx.t('welcome.bad_link')} error />
      ) : (
        <>
          <h1>{ctx.t('welcome.heading', { name })}</h1>
          <p>{ctx.t('welcome.intro', { min: MIN_PASSWORD_LENGTH })}</p>
          <Flash text={problem} error />
          <form method="post" action={`/officer/welcome/${token}`}>
            <Csrf token={csrf} />
            <NewPasswordFields ctx={ctx} />
            <button class="primary" type="submit">
              {ctx.t('welcome.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  </Layout>
);

/** The new password, typed twice: for a first sign-in and for a change. */
const NewPasswordFields: FC<{ ctx: PageContext }> = ({ ctx }) => (
  <>
    <label>
      {ctx.t('welcome.password')}
      <br />
      <input name="password" type="password" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
    </label>
    <label>
      {ctx.t('welcome.again')}
      <br />
      <input name="again" type="password" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
    </label>
  </>
);

/** A signed-in officer's own password: the current one, and the new one twice. */
export const ChangePasswordPage: FC<{ ctx: PageContext; problem?: string | undefined; notice?: string | undefined }> = ({ ctx, problem, notice }) => (
  <Layout ctx={ctx} title={ctx.t('password.heading')}>
    <div class="card">
      <h1>{ctx.t('password.heading')}</h1>
      <p>{ctx.t('password.intro', { min: MIN_PASSWORD_LENGTH })}</p>
      <Flash text={notice} />
      <Flash text={problem} error />
      <form method="post" action="/officer/password">
        <Csrf token={ctx.csrf ?? ''} />
        <label>
          {ctx.t('password.current')}
          <br />
          <input name="current" type="password" autocomplete="current-password" required />
        </label>
        <NewPasswordFields ctx={ctx} />
        <button class="primary" type="submit">
          {ctx.t('password.submit')}
        </button>
      </form>
    </div>
  </Layout>
);
