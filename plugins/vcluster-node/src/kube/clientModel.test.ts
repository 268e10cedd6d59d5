import { KubernetesObject } from '@kubernetes/client-node';
import { toClientModel } from './clientModel';

describe('toClientModel', () => {
  it('maps wire names the model renames and keeps everything else', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'n' },
      spec: {
        podSelector: {},
        ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 8443 }] }],
      },
    };
    const model = toClientModel(policy) as any;
    expect(model.spec.ingress[0]._from).toEqual([{ podSelector: {} }]);
    expect(model.spec.ingress[0].ports[0].port).toBe(8443);
  });

  it('refuses a field the model would drop', () => {
    const secret: KubernetesObject & { madeUp: string } = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      madeUp: 'lost on the wire',
    };
    expect(() => toClientModel(secret)).toThrow(/cannot carry s unchanged/);
  });

  it('passes custom resources through', () => {
    const app = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'a', namespace: 'argocd' },
      spec: { source: { helm: { valuesObject: { default: 1, from: 2 } } } },
    };
    expect(toClientModel(app)).toEqual(app);
  });
});
