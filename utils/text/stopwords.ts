/** Words that say nothing about what a text is about: left out of comparisons and of the search index. */
// prettier-ignore
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'for', 'with', 'at', 'by', 'from', 'as', 'is', 'are',
  'was', 'were', 'be', 'been', 'being', 'it', 'its', 'that', 'this', 'these', 'those', 'which', 'who', 'what', 'has',
  'have', 'had', 'not', 'no', 'can', 'could', 'would', 'will', 'may', 'might', 'should', 'said', 'says', 'say',
  'than', 'more', 'their', 'they', 'them', 'there', 'about', 'into', 'over', 'also', 'some', 'other', 'if', 'so',
  'do', 'does', 'did', 'all', 'any', 'only', 'such', 'even', 'still', 'after',
]);
