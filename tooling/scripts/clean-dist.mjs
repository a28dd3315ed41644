// Removes ./dist before a multi-config tsup build (tsup's own `clean` races between configs).
import { rmSync } from 'node:fs';
rmSync('dist', { recursive: true, force: true });
