// An example console page: the fork widget in a React 19 app. The page holds no Aiven token:
// it signs in to its own backend (an HttpOnly session cookie plus a CSRF token) and the
// widget calls that backend under /aiven-api, which adds the token (see the widget docs for
// Express and Backstage). Here the backend is the aiven-fork sandbox's --console-proxy, whose
// POST /_console/login stands in for the console's own sign-in.
import { useEffect, useState } from 'react';
import type { AivenForkRunningDetail } from 'aiven-fork/widget';

const params = new URLSearchParams(location.search);
const PROJECT = params.get('project') ?? 'demo-project';
const SERVICE = params.get('service') ?? 'demo-pg';

type Session = { csrf: string } | { error: string } | null;

async function signIn(): Promise<string> {
  const res = await fetch('/_console/login', { method: 'POST' });
  const body: unknown = await res.json();
  if (!res.ok || typeof body !== 'object' || body === null || !('csrfToken' in body) || typeof body.csrfToken !== 'string') {
    throw new Error(`sign-in failed (HTTP ${res.status})`);
  }
  return body.csrfToken;
}

export function App() {
  const [session, setSession] = useState<Session>(null);
  const [events, setEvents] = useState<string[]>([]);
  const [running, setRunning] = useState<AivenForkRunningDetail | null>(null);

  useEffect(() => {
    signIn().then((csrf) => setSession({ csrf }), (e: unknown) => setSession({ error: String(e) }));
  }, []);

  const log = (line: string) => setEvents((all) => [...all, line]);

  return (
    <main style={{ maxWidth: 1280, margin: '0 auto', padding: 24, fontFamily: 'system-ui, sans-serif' }}>
      <h1 style={{ fontSize: 22, margin: '0 0 4px' }}>Acme console</h1>
      <p style={{ margin: '0 0 16px', color: '#525c72' }}>
        {PROJECT} / {SERVICE}: fork it without leaving the console.
      </p>
      {session === null && <p>Signing in…</p>}
      {session !== null && 'error' in session && <p role="alert">{session.error}</p>}
      {session !== null && 'csrf' in session && (
        <aiven-fork
          project={PROJECT}
          service={SERVICE}
          base-url="/aiven-api"
          credentials="same-origin"
          headers={{ 'X-CSRF-Token': session.csrf }}
          onaiven-fork-created={(e) => log(`created ${e.detail.serviceName} (new: ${e.detail.created})`)}
          onaiven-fork-running={(e) => {
            setRunning(e.detail);
            log(`running ${e.detail.serviceName}`);
          }}
          onaiven-fork-error={(e) => log(`error ${e.detail.code}`)}
        />
      )}
      <section aria-label="Widget events" style={{ marginTop: 16 }}>
        <h2 style={{ fontSize: 16 }}>Events</h2>
        <ul id="events">
          {events.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        {running && (
          <p id="running">
            {running.serviceName} is {running.service.state}
          </p>
        )}
      </section>
    </main>
  );
}
