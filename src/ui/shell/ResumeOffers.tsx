/**
 * What a previous page left: runs autosaved before a reload, a closed tab or a crash, each with
 * "Resume run N from step S" (it continues training where the autosave was taken) and Discard.
 */
import type { AutosaveInfo } from '../../storage/checkpoints';
import { formatAge } from '../format';

interface ResumeOffersProps {
  offers: readonly AutosaveInfo[];
  /** False until the worker can load a run. */
  canResume: boolean;
  onResume: (id: string) => void;
  onDiscard: (id: string) => void;
}

function summary(offer: AutosaveInfo): string {
  const done = offer.runStatus === 'done' || offer.step >= offer.maxIters;
  const where = done ? `finished at step ${offer.step}` : `autosaved at step ${offer.step}`;
  return `${offer.runLabel} (${offer.objective}) was ${where} of ${offer.maxIters}, ${formatAge(offer.updatedAt)}.`;
}

export function ResumeOffers({ offers, canResume, onResume, onDiscard }: ResumeOffersProps) {
  if (offers.length === 0) return null;
  return (
    <section
      className="update-banner resume-offers"
      aria-label="Autosaved runs"
      data-testid="resume-offers"
    >
      <ul>
        {offers.map((offer) => (
          <li key={offer.id} data-testid="resume-offer" data-step={offer.step}>
            <span>{summary(offer)}</span>
            <button
              type="button"
              className="button is-primary"
              disabled={!canResume}
              onClick={() => onResume(offer.id)}
            >
              {offer.runStatus === 'done' || offer.step >= offer.maxIters
                ? `Open ${offer.runLabel.toLowerCase()}`
                : `Resume ${offer.runLabel.toLowerCase()} from step ${offer.step}`}
            </button>
            <button type="button" className="button" onClick={() => onDiscard(offer.id)}>
              Discard
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
