import { router } from '../trpc.ts';

export const designationsRouter = router({});
