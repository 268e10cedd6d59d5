import { Finding } from '@hatchway/plugin-readiness-common';
import { GroupCounts } from './groupCounts';

const finding = (status: string): Finding =>
  ({
    checkId: 'scanner',
    resource: { apiVersion: 'v1', kind: 'Pod', name: 'a' },
    severity: 'danger',
    category: 'security',
    status,
    message: 'from a scanner',
  } as Finding);

describe('GroupCounts', () => {
  it('keeps nothing of a finding it counts, not even one of a status it does not know', () => {
    // Scoring an evaluation reads every finding through one object that changes between them.
    const counts = new GroupCounts();
    const group = counts.add();
    const view = finding('warn');
    counts.count(group, view);
    view.status = 'failed';
    counts.count(group, view);
    const score = counts.score(group);
    expect(score.total.failed).toBe(1);
    expect(score.failed.danger.security).toBe(1);
    expect(score.bySeverity.danger.failed).toBe(1);
  });
});
