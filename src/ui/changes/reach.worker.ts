// The change form's worker: reads the scenario on screen and says where a change reaches, off the
// page's thread (reach.ts `reachApi`; reachClient.ts starts it and asks).
import { expose } from 'comlink';
import { reachApi } from './reach';

expose(reachApi);
