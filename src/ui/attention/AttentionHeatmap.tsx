/**
 * An attention heatmap drawn on a canvas (cheap to redraw at every prediction): the prompt's
 * tokens on both axes, row = query (the token looking), column = key (the token looked at).
 */
import { useEffect, useRef } from 'react';
import type { AttentionMap } from '../../worker/protocol';
import { showToken } from '../format';

interface AttentionHeatmapProps {
  map: AttentionMap;
}

const MAX_SIZE = 440;
const LABEL_SPACE = 18;

interface Palette {
  ink: string;
  text: string;
  empty: string;
}

let palette: Palette | null = null;

/** The theme's colours, read once (getComputedStyle forces a style recalculation). */
function themePalette(element: Element): Palette {
  if (palette === null) {
    const style = getComputedStyle(element);
    const read = (name: string, fallback: string) =>
      style.getPropertyValue(name).trim() || fallback;
    palette = {
      ink: read('--heat', '#2453d6'),
      text: read('--muted', '#4b5567'),
      empty: read('--heat-empty', '#f1f4f9'),
    };
  }
  return palette;
}

function draw(canvas: HTMLCanvasElement, map: AttentionMap): void {
  const n = map.tokens.length;
  const context = canvas.getContext('2d');
  if (context === null || n === 0) return;
  const cell = Math.max(3, Math.floor((MAX_SIZE - LABEL_SPACE) / n));
  const labels = cell >= 9;
  const offset = labels ? LABEL_SPACE : 0;
  const size = offset + cell * n;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = size * ratio;
  canvas.height = size * ratio;
  canvas.style.width = `${size}px`;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, size, size);

  const { ink, text, empty } = themePalette(canvas);
  context.fillStyle = empty;
  context.fillRect(offset, offset, cell * n, cell * n);
  // Scale each row to its own maximum so weak rows stay visible.
  for (let row = 0; row < n; row++) {
    let rowMax = 0;
    for (let col = 0; col < n; col++) rowMax = Math.max(rowMax, map.weights[row * n + col] ?? 0);
    for (let col = 0; col < n; col++) {
      const weight = map.weights[row * n + col] ?? 0;
      if (weight <= 0 || rowMax <= 0) continue;
      context.globalAlpha = Math.min(1, weight / rowMax);
      context.fillStyle = ink;
      context.fillRect(offset + col * cell, offset + row * cell, cell - 0.5, cell - 0.5);
    }
  }
  context.globalAlpha = 1;
  if (labels) {
    context.fillStyle = text;
    context.font = `${Math.min(12, cell - 1)}px ui-monospace, monospace`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    map.tokens.forEach((token, i) => {
      const label = token === '[MASK]' ? '?' : showToken(token).slice(0, 2);
      context.fillText(label, offset + i * cell + cell / 2, LABEL_SPACE / 2);
      context.fillText(label, LABEL_SPACE / 2, offset + i * cell + cell / 2);
    });
  }
}

/** The heatmap of one layer and head. */
export function AttentionHeatmap({ map }: AttentionHeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current !== null) draw(canvas.current, map);
  }, [map]);
  return (
    <canvas
      ref={canvas}
      className="heatmap"
      data-testid="attention-heatmap"
      data-tokens={map.tokens.length}
      role="img"
      aria-label={`Attention of layer ${map.layer + 1}, head ${map.head + 1} over ${map.tokens.length} tokens: rows are the tokens looking, columns the tokens looked at.`}
    />
  );
}
