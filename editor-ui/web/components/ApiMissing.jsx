/** Shown by a screen whose API this server does not offer (yet): what is missing, and that nothing is broken. */
export function ApiMissing({ what, endpoint }) {
  return (
    <div className="empty card api-missing" data-testid="api-missing">
      <h3>{what} are not available on this server</h3>
      <p>The server does not answer <code className="mono">{endpoint}</code>. This screen works once a server with that API is
        running; everything else in the editor is unaffected.</p>
    </div>
  );
}
