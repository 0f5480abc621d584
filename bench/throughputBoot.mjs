// A worker thread does not inherit tsx's loader: register it, then run the TypeScript load.
import { register } from 'tsx/esm/api';

register();
await import('./throughputLoad.ts');
