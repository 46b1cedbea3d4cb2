import { router } from '../trpc.ts';

export const annualReportRouter = router({});
