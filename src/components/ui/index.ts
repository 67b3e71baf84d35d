/** Presentational primitives: props in, JSX out, no store. */
export { Button } from './Button';
export { Icon } from './icons';
export { useTheme, setTheme, currentTheme, THEME_KEY, type Theme } from './theme';
