// The editor's worker: checks the text being edited off the page's thread, as the sim worker
// reads an opened file (src/workers/SimHost.ts `load` does the same reading and validation).
import { expose } from 'comlink';
import { editorApi } from './check';

expose(editorApi);
