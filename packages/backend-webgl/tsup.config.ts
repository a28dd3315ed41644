import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

export default defineConfig(preset());
