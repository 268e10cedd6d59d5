import { Content, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import { rootRouteRef, sessionRouteRef } from '../../routes';
import { SessionsPage } from '../SessionsPage/SessionsPage';
import { SessionView } from '../SessionView/SessionView';

/** `/terminal/sessions/:id`: the session id lives in the address, so a reload reconnects. */
const SessionRoute = () => {
  const { id = '' } = useParams();
  const root = useRouteRef(rootRouteRef);
  return (
    <Content>
      <SessionView
        key={id}
        sessionId={id}
        actions={<Link to={root?.() ?? '..'}>All sessions</Link>}
      />
    </Content>
  );
};

/** The `/terminal` page: the sessions list, and one session's terminal under it. */
export const TerminalPage = () => {
  const sessionLink = useRouteRef(sessionRouteRef);
  const sessionPath = useCallback(
    (id: string) =>
      sessionLink?.({ id }) ?? `sessions/${encodeURIComponent(id)}`,
    [sessionLink],
  );
  return (
    <Routes>
      <Route path="/" element={<SessionsPage sessionPath={sessionPath} />} />
      <Route path="/sessions/:id" element={<SessionRoute />} />
    </Routes>
  );
};
