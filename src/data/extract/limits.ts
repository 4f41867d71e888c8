/** Limits on what the learner's files may hold, stated on screen next to the drop zone. */

/** The most an archive (DOCX, EPUB, ZIP) may inflate to. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;

/** The most all files of one upload may weigh together. */
export const MAX_TOTAL_UPLOAD_BYTES = 200 * 1024 * 1024;
