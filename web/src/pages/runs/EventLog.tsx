import { Empty } from '../../ui';
import { JsonBlock } from './JsonBlock';
import { Time } from './Time';
import type { RunEvent } from './types';

/** The run's event log, oldest first: time, attempt, level (as a word), message and data. */
export function EventLog({ events }: { events: RunEvent[] }) {
  if (events.length === 0) return <Empty>No events yet.</Empty>;
  return (
    <div className="runs-scroll">
      <table className="events-table">
        <caption className="muted">
          {events.length} {events.length === 1 ? 'event' : 'events'}, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Attempt</th>
            <th scope="col">Level</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={`${e.at}-${i}`}>
              <td>
                <Time iso={e.at} />
              </td>
              <td>{e.attempt}</td>
              <td>
                <span className={`level level-${e.level}`}>{e.level}</span>
              </td>
              <td className="message">
                {e.message}
                {e.data && Object.keys(e.data).length > 0 && (
                  <details>
                    <summary>Data</summary>
                    <JsonBlock value={e.data} label={`Data of event ${i + 1}`} />
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
