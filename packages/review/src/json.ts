import type { Review } from "./types.js";

/** review.json: the review as two-space indented JSON with a final newline (its shape: the `Review` type, documented in the README). */
export function stringifyReview(review: Review): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
