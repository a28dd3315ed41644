// `node --import` this file (with --conditions=@saddle/source) to run TypeScript sources directly.
import { register } from 'node:module';

register('./source-hooks.mjs', import.meta.url);
