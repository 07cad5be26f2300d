import { useParams } from 'react-router-dom';
import { get } from '../../api';
import { useLoad } from '../../hooks';
import { ErrorBox, Loading } from '../../ui';
import type { Connection } from './types';

/** /concepts/:cId/connection/:connId — the database an index reads (read-only here). */
export function ConnectionView() {
  const { connId = '' } = useParams();
  const { data, error, reload } = useLoad(
    () => get<Connection>(`/connections/${encodeURIComponent(connId)}`),
    [connId],
  );
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading what="the connection" />;
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Connection: {data.name}</h2>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{data.connection_type}</dd>
        <dt>Server</dt>
        <dd>
          <code>
            {data.host}:{data.port}
          </code>
        </dd>
        <dt>Database</dt>
        <dd>
          <code>{data.database}</code>
        </dd>
        <dt>User</dt>
        <dd>
          <code>{data.user}</code>
        </dd>
      </dl>
      <p className="muted">Connections are managed by admins through the API (/connections).</p>
    </section>
  );
}
