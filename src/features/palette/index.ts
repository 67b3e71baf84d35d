/** The palette: the objects people drag onto the canvas. */
export { Palette } from './Palette';
export { addFromPalette } from './addFromPalette';
export { PALETTE_ITEMS, makeObjects, uniqueName, type PaletteItem } from './items';
