export { webgl } from './webgl.js';
