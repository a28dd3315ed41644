/** Registers Saddle's wasm training kernels (filled in by the kernels work). */
export function registerTrainingKernels(): void {}
