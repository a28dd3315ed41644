export type { Comparison, Experiment, ExperimentContext, ExperimentResult, Figure, Table } from './experiment.js';
export { experimentById, experiments } from './registry.js';
export { renderReportHtml } from './report/render-html.js';
export { renderReportMarkdown } from './report/render-markdown.js';
export { escapeHtml } from './report/escape.js';
export type { ReportInput } from './report/report-input.js';
export type { MachineInfo, ReportMeta } from './report/report-meta.js';
export { EXPERIMENTS_VERSION } from './version.js';
