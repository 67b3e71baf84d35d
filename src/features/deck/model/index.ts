/** The deck model: Markdown decks, scenes, diagrams and the scene runner. Pure TypeScript, no React. */
export type { Deck, Slide, Scene, SceneStep, Diagram, DiagramBox, DiagramTone } from './types';
export { parseDeck, serializeDeck, slideTitle, deckTitle, nextFence } from './deckMarkdown';
export {
  parseScene,
  slideScene,
  sceneBlock,
  fencedBlocks,
  sceneYaml,
  withSceneBlock,
  type SceneResult,
} from './scene';
export { parseDiagram, type DiagramResult } from './diagram';
export { SceneRunner, type SceneHost, type StepLog } from './runner';
export { SCENE_TEMPLATES, templateObjects, aNode, type TemplateRegistry } from './templates';
export { parseYaml, isRecord } from './safeYaml';
