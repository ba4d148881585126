import type { Job } from './scheduler';

/** Every background job, explicitly. Features add theirs here. */
export const jobs: Job[] = [];
