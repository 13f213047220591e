/**
 * Global setup of the `postgres` test project: one fresh database for the whole run, dropped at
 * the end. An unreachable server fails the run here, loudly, before any test starts.
 */
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase } from './postgres.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = await createDatabase('rapport_test');
  project.provide('pgTestDatabaseUrl', url);
  return () => dropDatabase(url);
}
