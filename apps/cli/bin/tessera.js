#!/usr/bin/env node
// Launches the TypeScript CLI through tsx's loader (Node 20 has no type stripping).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
