/**
 * The guided tour: on a learner's first visit, a walk through the seven steps and the run bar,
 * written for someone who has never heard of a token. It uses driver.js (a maintained, small
 * library for product tours: it highlights an element and keeps the focus in its popover),
 * loaded only when the tour opens. Skippable at any point (Esc, ×, "Skip"), re-opened from
 * Help → Take the tour, and remembered as seen in localStorage as soon as it opens.
 */
import type { ViewId } from '../../app/state';

const SEEN_KEY = 'playground.tourSeen';

/** True if this browser has seen (or skipped) the tour. */
export function tourSeen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    // Storage refused (a locked-down browser): do not show the tour on every load.
    return true;
  }
}

function rememberSeen(): void {
  try {
    localStorage.setItem(SEEN_KEY, '1');
  } catch {
    // Nothing to do: the tour will simply open again next time.
  }
}

/** One stop of the tour: the element it points at (none: centred), and what it says. */
interface TourStop {
  element?: string;
  step?: ViewId;
  title: string;
  text: string;
}

/** The tour's stops, in order. */
export const TOUR: readonly TourStop[] = [
  {
    title: 'Welcome to the Pre-training Playground',
    text: 'You will train a language model: a program that reads text and learns to guess what comes next. ChatGPT started this way, only much bigger. Here it happens in your browser, in minutes. This tour takes one minute.',
  },
  {
    element: '[data-testid="step-data"]',
    step: 'data',
    title: '1 · Data',
    text: 'Choose the text the model learns from: a book, speeches, e-mails, or your own. A model only knows what was in its data.',
  },
  {
    element: '[data-testid="step-curate"]',
    step: 'curate',
    title: '2 · Curate',
    text: 'Real text is messy: copies, junk, leftover web code. Cleaning it changes what the model learns. Each rule shows what it removed.',
  },
  {
    element: '[data-testid="step-tokenize"]',
    step: 'tokenize',
    title: '3 · Tokenize',
    text: 'A model works with numbers, not letters. A tokenizer cuts the text into small pieces called tokens (a single letter, or a common piece of a word such as “ing”) and gives each piece a number.',
  },
  {
    element: '[data-testid="step-model"]',
    step: 'model',
    title: '4 · Model',
    text: 'How big the model is (its parameters: the numbers training adjusts) and what it practises: guessing the next token, like GPT, or filling in hidden ones, like BERT.',
  },
  {
    element: '[data-testid="step-train"]',
    step: 'train',
    title: '5 · Train',
    text: 'Press Start. The model guesses, measures how wrong it was (the loss: lower is better) and adjusts itself, thousands of times. Watch the loss fall and its guesses get better, live.',
  },
  {
    element: '[data-testid="run-bar"]',
    title: 'The run bar',
    text: 'It stays on every step: the run’s state, its step, its loss and its speed, with Start and Pause. You can look at other steps while it trains.',
  },
  {
    element: '[data-testid="step-evaluate"]',
    step: 'evaluate',
    title: '6 · Evaluate',
    text: 'How good is it? The loss on text it never trained on, small quizzes, and a check of whether it copies its training text word for word.',
  },
  {
    element: '[data-testid="step-adapt"]',
    step: 'adapt',
    title: '7 · Adapt',
    text: 'Save the trained model and teach it a narrow task with a little data: that is how a pre-trained model becomes useful.',
  },
  {
    element: '[data-testid="lessons-menu"]',
    title: 'Lessons',
    text: 'Not sure where to begin? Each lesson sets everything up in one click and guides you in a few steps. Press ? for the keyboard shortcuts, and Tour to see this again.',
  },
];

/**
 * Opens the tour; `openStep` shows the step a stop points at. Stops whose element is not on
 * the page (a control a link hid) are left out. Marks the tour seen.
 */
export async function openTour(openStep: (step: ViewId) => void): Promise<void> {
  const [{ driver }] = await Promise.all([
    import('driver.js'),
    import('driver.js/dist/driver.css'),
  ]);
  const stops = TOUR.filter(
    (stop) => stop.element === undefined || document.querySelector(stop.element) !== null,
  );
  const tour = driver({
    showProgress: true,
    progressText: '{{current}} of {{total}}',
    nextBtnText: 'Next',
    prevBtnText: 'Back',
    doneBtnText: 'Done',
    allowClose: true,
    popoverClass: 'tour-popover',
    steps: stops.map((stop) => ({
      element: stop.element,
      popover: { title: stop.title, description: stop.text },
      onHighlightStarted: () => {
        if (stop.step !== undefined) openStep(stop.step);
      },
    })),
  });
  // Seen once it is shown: a learner who closes the tab mid-tour is not shown it again.
  rememberSeen();
  tour.drive();
}
