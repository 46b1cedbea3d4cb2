import { router } from '../trpc.ts';

export const planTasksRouter = router({});
