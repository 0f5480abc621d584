// A worker thread does not inherit tsx's loader: register it, then run the TypeScript peer.
import { register } from 'tsx/esm/api';

register();
await import('./webhookPeers.ts');
