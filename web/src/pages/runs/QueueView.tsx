import { useState } from 'react';
import { get, post } from '../../api';
import type { Schema } from '../../api-types';
import { useLoad } from '../../hooks';
import { useMay } from '../../who';

type QueueBoard = Schema<'QueueBoardResponse'>;

/**
 * The way to the queue view (Bull Board, served by the service when runs go through Redis).
 * Opening it first asks the service for the board's session cookie: a page the browser
 * navigates to cannot carry the dashboard's key in a header.
 */
export function QueueView() {
  const board = useLoad(() => get<QueueBoard>('/queue-board'), []);
  const mayOpen = useMay('admin');
  const [error, setError] = useState<string | null>(null);
  const b = board.data;
  if (!b) return null; // a side link: its loading and failure stay quiet
  if (!b.available) return <p className="muted queue-view">No queue view: {b.reason}.</p>;
  if (!mayOpen)
    return <p className="muted queue-view">The queue view (Bull Board) needs an admin API key.</p>;
  const open = async () => {
    setError(null);
    try {
      await post('/queue-board/session');
      window.location.assign(b.url!);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <p className="queue-view">
      <button type="button" onClick={() => void open()}>
        Open the queue view (Bull Board)
      </button>{' '}
      <span className="muted">{b.queues.join(', ')}</span>
      {error && (
        <span role="alert" className="error">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}
