/**
 * The header's Share menu: the whole set-up as a link (Copy link), or as a file with the
 * learner's own text (Export set-up), and opening such a file (pick or drop).
 */
import { useId, useState } from 'react';
import type { PlaygroundStore } from '../../app/store';
import { downloadBytes } from '../checkpoints/download';

/** The page's address without its query: where a link points. */
function pageUrl(): string {
  return `${location.origin}${location.pathname}`;
}

/** The Share menu. */
export function ShareMenu({ store }: { store: PlaygroundStore }) {
  const inputId = useId();
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [dragging, setDragging] = useState(false);

  const copyLink = async (): Promise<void> => {
    const url = store.setup.link(pageUrl());
    setLink(url);
    const own = store.setup.usesOwnText()
      ? ' Your own text does not fit in a link: use Export set-up to share it.'
      : '';
    try {
      await navigator.clipboard.writeText(url);
      setStatus(`Link copied (${url.length.toLocaleString('en')} characters).${own}`);
    } catch {
      setStatus(`The browser did not allow copying: select the link above and copy it.${own}`);
    }
  };
  const exportSetup = async (): Promise<void> => {
    const { json, fileName } = await store.setup.file();
    downloadBytes(new TextEncoder().encode(json), fileName);
    setStatus(`Saved ${fileName}.`);
  };
  const open = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    const ok = await store.setup.open(await file.text(), file.name);
    setStatus(ok ? `Opened ${file.name}.` : '');
  };

  return (
    <details className="menu share-menu" data-testid="share-menu">
      <summary className="button">Share</summary>
      <div
        className={`menu-panel${dragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void open(event.dataTransfer.files[0]);
        }}
      >
        <p className="menu-help">
          A link carries every setting: corpus, curation, tokenizer, model, training, the open step
          and the prompt. The same seed and backend give the same loss curve.
        </p>
        <button type="button" onClick={() => void copyLink()} data-testid="copy-link">
          Copy link
        </button>
        {link !== null ? (
          <input
            className="share-link"
            readOnly
            value={link}
            aria-label="Link to this set-up"
            data-testid="share-link"
            onFocus={(event) => event.target.select()}
          />
        ) : null}
        <div className="menu-row">
          <button type="button" onClick={() => void exportSetup()} data-testid="export-setup">
            Export set-up
          </button>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept=".json,application/json"
            data-testid="open-setup-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              void open(file);
            }}
          />
          <label htmlFor={inputId} className="button">
            Open set-up…
          </label>
        </div>
        <p className="menu-help">
          A set-up file (.json) also holds text you pasted or uploaded. Drop one here to open it.
        </p>
        <p className="menu-status" role="status" data-testid="share-status">
          {status}
        </p>
      </div>
    </details>
  );
}
