/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import { Csrf, Layout, type PageContext } from './layout.tsx';

/**
 * Linking the officer's Telegram chat: a button makes a one-time code (POST,
 * so a code is never made by merely opening a link); the page then shows the
 * message to send to the bot. `bot` is the bot's username without the @.
 */
export const TelegramLinkPage: FC<{ ctx: PageContext; linked: boolean; bot?: string | undefined; code?: string | undefined }> = ({ ctx, linked, bot, code }) => {
  const title = ctx.tt('alerts:page.title');
  const command = code ? `/link ${code}` : '';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{ctx.tt('alerts:page.intro')}</p>
      <p class={linked ? 'flash' : ''} role="status">
        {linked ? ctx.tt('alerts:page.linked') : ctx.tt('alerts:page.not_linked')}
      </p>
      {code ? (
        <div class="card">
          <p>{bot ? ctx.tt('alerts:page.step', { bot }) : ctx.tt('alerts:page.step_no_bot')}</p>
          <p>
            <code style="font-size:1.6rem;letter-spacing:.15em" data-code={code}>{command}</code>
          </p>
          {bot ? (
            <p>
              <a href={`https://t.me/${bot}`} rel="noopener noreferrer">{`@${bot}`}</a>
            </p>
          ) : null}
          <p>{ctx.tt('alerts:page.expires')}</p>
        </div>
      ) : null}
      {ctx.csrf ? (
        <form method="post" action="/officer/telegram">
          <Csrf token={ctx.csrf} />
          <button type="submit" class="primary">{ctx.tt('alerts:page.create')}</button>
        </form>
      ) : null}
    </Layout>
  );
};
