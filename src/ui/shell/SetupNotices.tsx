/**
 * What a link or a set-up file asked for and the page did not take, in words (and that a file
 * was opened); dismissible.
 */
export function SetupNotices({
  notices,
  onDismiss,
}: {
  notices: readonly string[];
  onDismiss: () => void;
}) {
  if (notices.length === 0) return null;
  return (
    <div className="setup-notices" role="status" data-testid="setup-notices">
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
