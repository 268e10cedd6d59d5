/*
 * Evaluate + scoring against merely JSON.parse-ing the very list responses a scan reads (pages of
 * PAGE_SIZE through client-node), and the JSON each object is as listed and as the watch cache
 * keeps it.
 */
import { DEFAULT_LEVELS } from '@hatchway/plugin-readiness-common';
import {
  evaluate,
  KubernetesObject,
  scoreByNamespace,
  scoreByResource,
} from '@hatchway/plugin-readiness-node';
import {
  connect,
  servedKinds,
} from '../../../plugins/readiness-backend/src/kubernetes/KubernetesClusterObjectReader';
import { PAGE_SIZE } from '../../../plugins/readiness-backend/src/kubernetes/kinds';
import { trimObject } from '../../../plugins/readiness-backend/src/live/trimObject';
import { FigureTable, median, mib } from './figures';

export async function measureParseRatio(
  client: ReturnType<typeof connect>,
  table: FigureTable,
) {
  const row = table.row.bind(table);
  // evaluate + scoring against JSON.parse of the very list responses a scan reads.
  const texts: string[] = [];
  for (const served of await servedKinds(client)) {
    let token: string | undefined;
    do {
      await client.objects.list(
        served.apiVersion,
        served.spec.kind,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        PAGE_SIZE,
        token,
      );
      const text = client.capture.takeText();
      texts.push(text);
      token = JSON.parse(text).metadata?.continue || undefined;
    } while (token);
  }
  // Memory: the JSON each object is as listed and as the watch cache keeps it; the cache's
  // heap is measured once it is filled (below).
  const jsonBytes = (list: KubernetesObject[]) =>
    list.reduce((n, o) => n + JSON.stringify(o).length, 0) / list.length;
  const sample = texts.flatMap(
    text => JSON.parse(text).items as KubernetesObject[],
  );
  const rawJson = jsonBytes(sample);
  const trimmedJson = jsonBytes(sample.map(trimObject));
  row(
    'object JSON as listed / as cached',
    `${(rawJson / 1024).toFixed(2)} / ${(trimmedJson / 1024).toFixed(2)} KiB`,
    'mean per object',
  );
  const parseMs: number[] = [];
  let objects: KubernetesObject[] = [];
  for (let run = 0; run < 5; run++) {
    objects = [];
    const t = performance.now();
    const pages = texts.map(text => JSON.parse(text));
    parseMs.push(performance.now() - t);
    // Items of a list carry neither apiVersion nor kind (not timed: the scanner adds them).
    objects = pages.flatMap(p =>
      p.items.map((item: KubernetesObject) => ({
        ...item,
        apiVersion: p.apiVersion,
        kind: String(p.kind).replace(/List$/, ''),
      })),
    );
  }
  const engineMs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    const result = evaluate(objects, {
      cluster: 'bench',
      levels: DEFAULT_LEVELS,
    });
    scoreByNamespace(result.findingTable, DEFAULT_LEVELS);
    scoreByResource(result.findingTable, DEFAULT_LEVELS);
    engineMs.push(performance.now() - t);
  }
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const pages = texts.length;
  texts.length = 0;
  row(
    'JSON.parse of the list responses',
    `${median(parseMs).toFixed(0)} ms`,
    `median of 5 (${parseMs
      .map(ms => ms.toFixed(0))
      .join(', ')}); ${pages} pages, ${mib(bytes)} MiB, ${
      objects.length
    } objects`,
  );
  row(
    'evaluate + scoring, same objects',
    `${median(engineMs).toFixed(0)} ms`,
    `median of 5 (${engineMs.map(ms => ms.toFixed(0)).join(', ')}); ×${(
      median(engineMs) / median(parseMs)
    ).toFixed(2)} of JSON.parse (goal ≤ ×2)`,
  );
}
