import type { TestProject } from 'vitest/node';
import { dropTemplate, prepareTemplate } from './server.ts';

// vitest global setup: one seeded database for the whole run, copied by every journey (see startTestServer).
export default async function setup(project: TestProject) {
  const template = await prepareTemplate();
  project.provide('e2eTemplate', template);
  return async () => {
    await dropTemplate(template);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: string;
  }
}
