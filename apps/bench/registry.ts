import { allocationSuite } from './suites/allocation.ts';
import { consortiaSuite } from './suites/consortia.ts';
import { foundationSuite } from './suites/foundation.ts';
import { monitoringSuite } from './suites/monitoring.ts';
import { needsSuite } from './suites/needs.ts';
import { roundsSuite } from './suites/rounds.ts';
import { startupSuite } from './suites/startup.ts';
import { trainingBasesSuite } from './suites/training-bases.ts';
import { webBundleSuite } from './suites/web-bundle.ts';
import type { Suite } from './types.ts';

/** Suites in run order. Add a file under suites/ and list it here. startup runs first, while the in-process server is still idle;
 * consortia runs last, as it fills the store with a directory-sized data set. */
export const suites: Suite[] = [
  startupSuite,
  foundationSuite,
  webBundleSuite,
  trainingBasesSuite,
  needsSuite,
  allocationSuite,
  roundsSuite,
  monitoringSuite,
  consortiaSuite,
];
