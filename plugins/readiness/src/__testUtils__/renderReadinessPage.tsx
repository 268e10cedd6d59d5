import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { readinessApiRef } from '../api/ReadinessApi';
import { ReadinessPage } from '../components/ReadinessPage/ReadinessPage';
import { rootRouteRef } from '../routes';
import type { FakeReadinessApi } from './FakeReadinessApi';

/** Typing and clicking without a pause between events keeps the tests quick. */
export const user = userEvent.setup({ delay: null });

/** The address the page keeps its view, cluster and filters in, for tests to read. */
const Address = () => {
  const { search } = useLocation();
  return <output aria-label="Address">{search}</output>;
};

/**
 * The readiness page at `path` in a test app, on the given backend, with an `Address` output
 * (label "Address") and the routes the page links to (itself and catalog entities) mounted.
 */
export function renderReadinessPage(api: FakeReadinessApi, path: string) {
  return renderInTestApp(
    <>
      <ReadinessPage />
      <Address />
    </>,
    {
      apis: [[readinessApiRef, api], mockApis.permission()],
      initialRouteEntries: [path],
      mountedRoutes: {
        '/readiness': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
