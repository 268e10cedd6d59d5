/**
 * The readiness backend plugin: scheduled scans of every configured cluster with Hatchway's
 * check engine, results and daily trends in the database, exemptions, and exports.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
