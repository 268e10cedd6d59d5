import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { recreateStep, rollingStep, surgeAndUnavailable } from './rollout';

const deployment = (
  replicas: number,
  rollingUpdate?: {
    maxSurge?: number | string;
    maxUnavailable?: number | string;
  },
): V1Deployment => ({
  spec: {
    replicas,
    selector: {},
    template: {},
    strategy: { type: 'RollingUpdate', rollingUpdate },
  },
});

const rs = (
  name: string,
  revision: number,
  replicas: number,
  available: number,
): V1ReplicaSet => ({
  metadata: {
    name,
    annotations: { 'deployment.kubernetes.io/revision': String(revision) },
  },
  spec: { replicas, selector: {} },
  status: { replicas, availableReplicas: available },
});

describe('rolling update arithmetic', () => {
  it('resolves the 25% defaults like Kubernetes (surge rounds up, unavailable down)', () => {
    expect(surgeAndUnavailable(deployment(10))).toEqual({
      surge: 3,
      unavailable: 2,
    });
    expect(surgeAndUnavailable(deployment(1))).toEqual({
      surge: 1,
      unavailable: 0,
    });
    expect(
      surgeAndUnavailable(deployment(3, { maxSurge: 0, maxUnavailable: 0 })),
    ).toEqual({
      surge: 0,
      unavailable: 1,
    });
  });

  it('surges the new ReplicaSet and keeps old pods until new ones are available', () => {
    const plan = rollingStep(deployment(4), rs('new', 2, 0, 0), [
      rs('old', 1, 4, 4),
    ]);
    // 25% of 4: surge 1, unavailable 1 → new to 1, old down by 1.
    expect(Object.fromEntries(plan)).toEqual({ new: 1, old: 3 });
  });

  it('removes unavailable old pods even when none of the new ones is available yet', () => {
    const plan = rollingStep(deployment(1), rs('new', 2, 1, 1), [
      rs('old', 1, 1, 0),
    ]);
    expect(Object.fromEntries(plan)).toEqual({ old: 0 });
  });

  it('Recreate scales the new ReplicaSet up only once the old pods are gone', () => {
    const d = {
      ...deployment(2),
      spec: { ...deployment(2).spec!, strategy: { type: 'Recreate' } },
    };
    expect(
      Object.fromEntries(
        recreateStep(d, rs('new', 2, 0, 0), [rs('old', 1, 2, 2)], 2),
      ),
    ).toEqual({ old: 0 });
    expect(
      Object.fromEntries(
        recreateStep(d, rs('new', 2, 0, 0), [rs('old', 1, 0, 0)], 1),
      ),
    ).toEqual({});
    expect(
      Object.fromEntries(
        recreateStep(d, rs('new', 2, 0, 0), [rs('old', 1, 0, 0)], 0),
      ),
    ).toEqual({ new: 2 });
  });
});
