import { foundationSuite } from './suites/foundation.ts';
import { webBundleSuite } from './suites/web-bundle.ts';
import type { Suite } from './types.ts';

/** Suites in run order. Add a file under suites/ and list it here. */
export const suites: Suite[] = [foundationSuite, webBundleSuite];
