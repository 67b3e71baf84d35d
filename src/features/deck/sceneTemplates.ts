import { TEMPLATES } from '../../store';
import { SCENE_TEMPLATES, type TemplateRegistry } from './model';

/**
 * The names a scene's `design.template` may use in the app: the app's own templates (as the canvas offers
 * them, e.g. `web`), then the deck's small ones (`three-nodes`, `three-zones`...), which win on a clash.
 */
export const APP_SCENE_TEMPLATES: TemplateRegistry = {
  ...Object.fromEntries(Object.entries(TEMPLATES).map(([name, t]) => [name, t.objects])),
  ...SCENE_TEMPLATES,
};
