export { EditorButton } from './EditorButton';
