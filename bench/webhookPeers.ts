/**
 * The bench's peers, each in a worker thread of its own so that Setu's
 * thread does only Setu's work: the stand-in Graph API ("graph") and the
 * load of webhook calls ("load").
 */
import { createHmac } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeGraph } from '../test/support/fakeGraph.ts';

interface GraphJob {
  role: 'graph';
  token: string;
}
interface LoadJob {
  role: 'load';
  url: string;
  secret: string;
  users: number;
  messages: number;
  script: string[];
}
const job = workerData as GraphJob | LoadJob;
const PAGE_ID = '1000000001';
const port = parentPort;
if (!port) throw new Error('run as a worker');

if (job.role === 'graph') {
  const graph = await startFakeGraph(job.token);
  port.postMessage({ root: graph.root });
  port.on('message', (m: string) => {
    if (m === 'count') port.postMessage({ sent: graph.messages().length });
    if (m === 'close') void graph.close().then(() => port.close());
  });
} else {
  const latencies: number[] = [];
  const post = async (psid: string, n: number): Promise<void> => {
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: `m.${psid}.${n}`, text: job.script[n % job.script.length] } }] }],
    });
    const signature = `sha256=${createHmac('sha256', job.secret).update(body).digest('hex')}`;
    const t0 = performance.now();
    const res = await fetch(`${job.url}/messenger/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.users }, async (_, u) => {
      // Page-scoped ids are digit strings (Setu answers 400 to anything else).
      for (let n = 0; n < job.messages; n += 1) await post(String(7_200_000_000_000_000 + u), n);
    }),
  );
  port.postMessage({ seconds: (performance.now() - started) / 1000, latencies });
}
