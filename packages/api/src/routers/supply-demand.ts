import { router } from '../trpc.ts';

export const supplyDemandRouter = router({});
