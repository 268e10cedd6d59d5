/**
 * Open sessions of this process, per user and in total, for the caps. Per process on purpose:
 * the gateway keeps no shared state, so with N replicas a user may hold up to N × the cap
 * (the terminal backend's own per-user session cap is the global limit).
 */
export class SessionCounter {
  private readonly perUser = new Map<string, number>();
  private total = 0;

  /** Sessions open (or being opened) in this process. */
  get open(): number {
    return this.total;
  }

  /** Reserves a slot for `user`; returns a release function, or undefined when at the cap. */
  tryOpen(user: string, userCap: number): (() => void) | undefined {
    const mine = this.perUser.get(user) ?? 0;
    if (mine >= userCap) return undefined;
    this.perUser.set(user, mine + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.perUser.get(user) ?? 1) - 1;
      if (left <= 0) this.perUser.delete(user);
      else this.perUser.set(user, left);
    };
  }
}
