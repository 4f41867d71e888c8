// Placeholder shell: replaced by the real UI.
export function App() {
  return (
    <main>
      <h1>Pre-training Playground</h1>
      <p>
        Pick a corpus, tokenize it and pre-train a small transformer right here in your browser,
        then watch it learn.
      </p>
    </main>
  );
}
