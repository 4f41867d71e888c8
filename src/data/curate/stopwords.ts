/**
 * The most frequent English function words, for the "looks like English" filter (as in
 * Gopher's quality rules: real English prose is full of them, lists and code are not).
 */

/** Lower-case English stopwords. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about after all also an and any are as at be because been but by can could did do does ' +
    'for from had has have he her him his how i if in into is it its just like me more most my no ' +
    'not now of on one only or other our out over she so some than that the their them then there ' +
    'these they this those through to up us was we were what when where which while who will ' +
    'with would you your'
  ).split(' '),
);
