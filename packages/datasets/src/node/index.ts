export { fileSource } from './file-source.js';
export { MAX_IMAGE_PIXELS, nodeImageDecoder } from './image-decoder.js';
export { celebA, imageFolder } from './image-folder.js';
export type { ImageFolderOptions } from './image-folder.js';
