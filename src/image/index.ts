/** Public face of the floppy image builder (layout and references: geometry.ts). */
export { buildFloppyImage, serialFromDate, type FloppyFile, type FloppyImageOptions } from './build.js';
export { DATA_CAPACITY_BYTES, CLUSTER_COUNT, IMAGE_BYTES, ROOT_ENTRIES } from './geometry.js';
export { formatProblems, planFloppyLayout, type FloppyPlan, type PlanInput, type PlanResult } from './plan.js';
export { DEFAULT_IMAGE_MODE, writeFloppyImage, type FloppyInput, type WriteFloppyOptions, type WrittenFloppy } from './write.js';
