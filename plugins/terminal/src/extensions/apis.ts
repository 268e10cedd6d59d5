import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { terminalApiRef } from '../api/TerminalApi';
import { TerminalClient } from '../api/TerminalClient';

/** The terminal API backed by `/api/terminal`: extension id `api:terminal`. */
export const terminalApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: terminalApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TerminalClient({ discoveryApi, fetchApi }),
    }),
});
