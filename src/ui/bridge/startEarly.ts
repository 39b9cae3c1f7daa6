// main.tsx's first import, for its side effect alone: the first simulation worker is asked for
// before the rest of the page's modules run (earlyWorker.ts says why).
import { startSimWorkerEarly } from './earlyWorker';

startSimWorkerEarly();
