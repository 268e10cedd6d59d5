import { selectorMatches } from './objects';
import { LabelSelector } from './types';

/**
 * Finds which of many objects' label selectors select a set of labels without trying every
 * selector: selectors with matchLabels are filed under their first `key=value` pair, so only
 * those sharing a label with the pods are tried. With a PodDisruptionBudget per workload, this
 * turns a namespace's workloads × budgets comparisons into roughly one per workload.
 */
export class SelectorIndex<T> {
  private readonly byLabel = new Map<
    string,
    Array<{ item: T; selector: LabelSelector }>
  >();
  private readonly others: Array<{ item: T; selector: LabelSelector }> = [];

  constructor(
    items: readonly T[],
    selectorOf: (item: T) => LabelSelector | undefined,
  ) {
    for (const item of items) {
      const selector = selectorOf(item);
      if (!selector || typeof selector !== 'object') continue;
      const labels = selector.matchLabels ?? {};
      const first = Object.keys(labels)[0];
      if (first === undefined) {
        this.others.push({ item, selector });
        continue;
      }
      const key = `${first}=${labels[first]}`;
      const list = this.byLabel.get(key) ?? [];
      list.push({ item, selector });
      this.byLabel.set(key, list);
    }
  }

  /** An item whose selector selects the labels, if any. */
  find(labels: Record<string, string>): T | undefined {
    // Candidates: selectors filed under one of the labels, then those without matchLabels.
    for (const key of Object.keys(labels)) {
      for (const entry of this.byLabel.get(`${key}=${labels[key]}`) ?? []) {
        if (selectorMatches(entry.selector, labels)) return entry.item;
      }
    }
    return this.others.find(entry => selectorMatches(entry.selector, labels))
      ?.item;
  }
}
