import { lazy, Suspense, useEffect, useState } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { apiKey, get, onUnauthorized, type WhoAmI } from './api';
import { WhoContext } from './who';
import { Loading } from './ui';

const SpacesPage = lazy(() => import('./pages/SpacesPage'));
const SpacePage = lazy(() => import('./pages/SpacePage'));
const OccupancyPage = lazy(() => import('./pages/OccupancyPage'));
const DatasetPage = lazy(() => import('./pages/DatasetPage'));
const RunsPage = lazy(() => import('./pages/RunsPage'));
const RunPage = lazy(() => import('./pages/RunPage'));
const ConceptsPage = lazy(() => import('./pages/ConceptsPage'));
const ConceptPage = lazy(() => import('./pages/ConceptPage'));

/** The shell: navigation, the API key prompt (after a 401), and the pages (loaded on demand). */
export function App() {
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [askKey, setAskKey] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => onUnauthorized(() => setAskKey(true)), []);
  useEffect(() => {
    get<WhoAmI>('/auth/me').then(setWho, () => setWho(null));
  }, [version]);
  return (
    <WhoContext.Provider value={who}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span className="brand">tippers-services</span>
        <nav aria-label="Main">
          <NavLink to="/spaces">Spaces</NavLink>
          <NavLink to="/occupancy">Occupancy</NavLink>
          <NavLink to="/runs">Runs</NavLink>
          <NavLink to="/concepts">Concepts</NavLink>
        </nav>
        <span className="who">
          {who ? `role: ${who.role}${who.name ? ` (${who.name})` : ''}` : ''}
          {apiKey.get() && (
            <button
              type="button"
              onClick={() => {
                apiKey.clear();
                setVersion((v) => v + 1);
              }}
            >
              Forget key
            </button>
          )}
        </span>
      </header>
      {askKey && (
        <KeyPrompt
          onDone={() => {
            setAskKey(false);
            setVersion((v) => v + 1);
          }}
        />
      )}
      <main id="main" key={version}>
        <Suspense fallback={<Loading what="the page" />}>
          <Routes>
            <Route path="/" element={<Navigate to="/spaces" replace />} />
            <Route path="/spaces" element={<SpacesPage />} />
            <Route path="/spaces/:spaceId" element={<SpacePage />} />
            <Route path="/occupancy" element={<OccupancyPage />} />
            <Route path="/occupancy/:datasetId" element={<DatasetPage />} />
            <Route path="/runs" element={<RunsPage />} />
            <Route path="/runs/:runId" element={<RunPage />} />
            <Route path="/concepts" element={<ConceptsPage />} />
            <Route path="/concepts/:cId/*" element={<ConceptPage />} />
            <Route path="*" element={<p>No such page.</p>} />
          </Routes>
        </Suspense>
      </main>
    </WhoContext.Provider>
  );
}

/** Asks for an API key when the service wants one; kept for this browser session only. */
function KeyPrompt({ onDone }: { onDone: () => void }) {
  const [key, setKey] = useState('');
  return (
    <form
      className="key-prompt"
      role="dialog"
      aria-labelledby="key-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!key.trim()) return;
        apiKey.set(key.trim());
        onDone();
      }}
    >
      <h2 id="key-title">This service needs an API key</h2>
      <label>
        API key{' '}
        <input
          type="password"
          autoFocus
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoComplete="off"
        />
      </label>{' '}
      <button type="submit">Use key</button>
      <p className="muted">Kept for this browser session only.</p>
    </form>
  );
}
