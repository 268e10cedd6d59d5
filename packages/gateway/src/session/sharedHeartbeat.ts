/** A session the shared heartbeat calls once per period. */
export interface HeartbeatMember {
  heartbeat(): void;
}

/**
 * One interval timer per heartbeat period for all the sessions of the process, instead of one
 * per session: an idle session then costs a set entry rather than a timer and its closure.
 */
const groups = new Map<
  number,
  { timer: NodeJS.Timeout; members: Set<HeartbeatMember> }
>();

export function joinHeartbeat(periodMs: number, member: HeartbeatMember) {
  let group = groups.get(periodMs);
  if (!group) {
    const members = new Set<HeartbeatMember>();
    const timer = setInterval(() => beatAll(members), periodMs);
    timer.unref();
    group = { timer, members };
    groups.set(periodMs, group);
  }
  group.members.add(member);
}

export function leaveHeartbeat(periodMs: number, member: HeartbeatMember) {
  const group = groups.get(periodMs);
  if (!group?.members.delete(member) || group.members.size > 0) return;
  clearInterval(group.timer);
  groups.delete(periodMs);
}

function beatAll(members: Set<HeartbeatMember>) {
  // A member that leaves while beating (terminated) is skipped safely by the iteration.
  for (const member of members) {
    try {
      member.heartbeat();
    } catch {
      // One session's failure must not stop the others' heartbeat; it is closed by its sockets.
    }
  }
}
