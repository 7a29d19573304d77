/**
 * `compute` with its answers kept: lexicon checks and the word segmenter are asked about the
 * same short strings over and over (every candidate span of every name, in every document), and
 * their answers depend on the string alone. At most `max` answers are kept (then they start
 * over), so memory stays bounded on any corpus. Callers must not mutate what they get.
 */
export function memoized<T>(compute: (key: string) => T, max = 50_000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      if (answers.size >= max) answers.clear();
      answer = compute(key);
      answers.set(key, answer);
    }
    return answer as T;
  };
}
