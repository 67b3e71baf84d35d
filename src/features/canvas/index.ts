/** The canvas feature: the cluster drawn with React Flow, live. */
export { Canvas, drawnTopologyVersion, PALETTE_MIME, type CanvasProps } from './Canvas';
export { podDisplay, type PodDisplay, type PodDisplayState } from './podState';
export {
  copySelection,
  duplicateSelection,
  hasClipboard,
  pasteClipboard,
  pasteText,
  tidyCanvas,
} from './actions';
