import { AuditorService } from '@backstage/backend-plugin-api';
import { VClusterAuditAction } from '@hatchway/plugin-vcluster-common';
import { Request } from 'express';
import { DatabaseAuditRepository } from '../database/DatabaseAuditRepository';
import { Clock } from './types';

/** One audited action. `details` must hold no secret (no kubeconfig, no token). */
export interface AuditedAction {
  actor: string;
  action: VClusterAuditAction;
  cluster: string;
  request?: Request;
  details?: Record<string, string | number | boolean>;
}

/**
 * Records every create, delete, sleep, wake, TTL change and kubeconfig download twice: through
 * Backstage's auditor (the platform's audit stream) and in the plugin's table (`GET /audit`).
 */
export class AuditLog {
  constructor(
    private readonly auditor: AuditorService,
    private readonly table: DatabaseAuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Runs `fn` and records whether it succeeded; a failure is recorded and rethrown. */
  async around<T>(entry: AuditedAction, fn: () => Promise<T>): Promise<T> {
    const event = await this.auditor.createEvent({
      eventId: entry.action,
      severityLevel: entry.action === 'kubeconfig-download' ? 'high' : 'medium',
      request: entry.request,
      meta: { actor: entry.actor, vcluster: entry.cluster, ...entry.details },
    });
    try {
      const result = await fn();
      await event.success();
      await this.write(entry, 'succeeded');
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      await this.write(entry, 'failed', error as Error);
      throw error;
    }
  }

  private async write(
    entry: AuditedAction,
    result: 'succeeded' | 'failed',
    error?: Error,
  ): Promise<void> {
    const details = {
      ...entry.details,
      ...(error ? { error: `${error.name}: ${error.message}` } : {}),
    };
    await this.table.insert({
      actor: entry.actor,
      action: entry.action,
      cluster: entry.cluster,
      result,
      createdAt: this.clock(),
      details: Object.keys(details).length ? details : undefined,
    });
  }
}
