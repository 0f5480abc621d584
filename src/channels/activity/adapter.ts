import type { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, OutboundHostValidator, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { ActivityMode } from './config.ts';

/** Without credentials, replies go only to this machine (the Agents Playground, the Emulator). */
const THIS_MACHINE = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The SDK's CloudAdapter, as Setu runs it: an inbound turn never sends through
 * the turn's connector client (replies go through the outbox, or come back in
 * the response for `expectReplies`), so none is made for it — and no outbound
 * token is fetched while the caller waits. Proactive sends
 * (`continueConversation`, the outbox's sender) make theirs as usual. Errors
 * of a turn are not answered with the SDK's "The agent encountered an error"
 * message: they reach Setu's HTTP handler (500, or 503 when the database
 * cannot write), so Bot Service sends the Activity again.
 */
export class SetuCloudAdapter extends CloudAdapter {
  constructor(authConfig: AuthConfiguration, hosts: OutboundHostValidator, checkServiceUrlClaim: boolean) {
    super(authConfig, undefined, undefined, { validateServiceUrl: checkServiceUrlClaim, emitStackTrace: false }, hosts);
    this.onTurnError = async (_context, error) => {
      throw error;
    };
  }

  protected override resolveIfConnectorClientIsNeeded(_activity: Activity): boolean {
    return false;
  }
}

/**
 * Where an Activity's serviceUrl may point, checked by the SDK on every
 * inbound Activity (400 otherwise) and by the sender before each post: with
 * credentials Microsoft's hosts (botframework.com, smba.trafficmanager.net,
 * teams.microsoft.com, …) and ACTIVITY_SERVICE_HOSTS, and the token's own
 * `serviceurl` claim must agree; without, only this machine and
 * ACTIVITY_SERVICE_HOSTS — nobody vouches for an anonymous caller's serviceUrl.
 */
export function serviceHostsFor(mode: ActivityMode, extra: readonly string[] = []): OutboundHostValidator {
  return new OutboundHostValidator({
    enabled: true,
    includeDefaultMicrosoftHosts: mode.kind === 'authenticated',
    hosts: [...(mode.kind === 'anonymous' ? THIS_MACHINE : []), ...extra],
  });
}
