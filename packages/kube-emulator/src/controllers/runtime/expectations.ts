// How long unobserved expectations hold back a controller before it trusts its cache again.
const EXPIRY_MS = 5000;

interface Pending {
  adds: number;
  deletes: Set<string>;
  at: number;
}

/**
 * Creations and deletions a controller issued but its cache has not shown yet (client-go's
 * ControllerExpectations). Until they are observed the owner is not reconciled again, so a lagging
 * cache never makes it create (or delete) the same pods twice. Keyed by the owner's uid; deletions
 * are tracked by pod uid, so seeing a pod first terminating and then gone counts once.
 */
export class Expectations {
  private readonly pending = new Map<string, Pending>();

  /** Records what the owner is about to do; call before issuing the requests. */
  expect(ownerUid: string, adds: number, deletedPodUids: string[] = []): void {
    this.pending.set(ownerUid, {
      adds,
      deletes: new Set(deletedPodUids),
      at: Date.now(),
    });
  }

  observeAdd(ownerUid: string | undefined): void {
    const entry = ownerUid ? this.pending.get(ownerUid) : undefined;
    if (entry) entry.adds -= 1;
  }

  observeDelete(
    ownerUid: string | undefined,
    podUid: string | undefined,
  ): void {
    const entry = ownerUid ? this.pending.get(ownerUid) : undefined;
    if (entry && podUid) entry.deletes.delete(podUid);
  }

  /** Whether the cache reflects everything the owner did (or the wait timed out). */
  satisfied(ownerUid: string): boolean {
    const entry = this.pending.get(ownerUid);
    if (!entry) return true;
    if (
      (entry.adds <= 0 && entry.deletes.size === 0) ||
      Date.now() - entry.at > EXPIRY_MS
    ) {
      this.pending.delete(ownerUid);
      return true;
    }
    return false;
  }

  forget(ownerUid: string): void {
    this.pending.delete(ownerUid);
  }
}
