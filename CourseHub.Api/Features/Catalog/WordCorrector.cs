namespace CourseHub.Api.Features.Catalog;

/// <summary>
/// Picks the word of the search vocabulary a misspelt word most likely meant. Trigram similarity (what pg_trgm
/// measures) alone is weak on short words — "pyhton" and "python" share only 3 of 11 trigrams — so the deciding
/// measure is the optimal-string-alignment edit distance (Damerau–Levenshtein where a transposition of two
/// neighbours is one edit), and trigram similarity only breaks ties and lets long words carry one edit more.
/// Pure functions: the candidates come from the database, the choice is made here (and unit-tested).
/// </summary>
public static class WordCorrector
{
    /// <summary>pg_trgm's default similarity threshold: above it, two words look alike by their trigrams.</summary>
    public const double SimilarTrigrams = 0.3;

    /// <summary>
    /// How many edits a word of this length may carry and still be corrected. Words of one or two letters are never
    /// corrected (too many words are one edit away from "go" or "ui"), short words one edit, long words two.
    /// </summary>
    public static int MaxEdits(int length) => length switch
    {
        <= 2 => 0,
        <= 7 => 1,
        _ => 2,
    };

    /// <summary>The closest candidate within the allowed edits, or null. A word that is itself a candidate is correct.</summary>
    public static string? Best(string word, IEnumerable<string> candidates)
    {
        word = word.ToLowerInvariant();
        var limit = MaxEdits(word.Length);
        if (limit == 0)
        {
            return null;
        }
        (string Word, int Distance, double Similarity)? best = null;
        foreach (var candidate in candidates)
        {
            if (candidate == word)
            {
                return null;
            }
            var similarity = TrigramSimilarity(word, candidate);
            // Words that also look alike by their trigrams may carry one edit more (only long words: "kubernetis").
            var allowed = similarity >= SimilarTrigrams && word.Length >= 5 ? limit + 1 : limit;
            if (Math.Abs(candidate.Length - word.Length) > allowed)
            {
                continue;
            }
            var distance = EditDistance(word, candidate, allowed);
            if (distance > allowed)
            {
                continue;
            }
            if (best is null || IsBetter((candidate, distance, similarity), best.Value))
            {
                best = (candidate, distance, similarity);
            }
        }
        return best?.Word;
    }

    /// <summary>
    /// For a word still being typed: the candidate whose beginning is closest to it ("pyht" → "python"), or null when
    /// some candidate already starts with it. Ties go to the shortest word, so a complete match wins over a longer one.
    /// </summary>
    public static string? BestPrefix(string prefix, IEnumerable<string> candidates)
    {
        prefix = prefix.ToLowerInvariant();
        var limit = MaxEdits(prefix.Length);
        (string Word, int Distance, double Similarity)? best = null;
        foreach (var candidate in candidates)
        {
            if (candidate.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }
            if (limit == 0)
            {
                continue;
            }
            // The typed beginning may be one letter longer or shorter than the intended one (an extra or a missing letter).
            var distance = int.MaxValue;
            for (var length = prefix.Length - 1; length <= prefix.Length + 1; length++)
            {
                if (length >= 1 && length <= candidate.Length)
                {
                    distance = Math.Min(distance, EditDistance(prefix, candidate[..length], limit));
                }
            }
            if (distance > limit)
            {
                continue;
            }
            var similarity = TrigramSimilarity(prefix, candidate[..Math.Min(candidate.Length, prefix.Length)]);
            if (best is null || IsBetter((candidate, distance, similarity), best.Value, preferShort: true))
            {
                best = (candidate, distance, similarity);
            }
        }
        return best?.Word;
    }

    private static bool IsBetter((string Word, int Distance, double Similarity) a, (string Word, int Distance, double Similarity) b, bool preferShort = false)
    {
        if (a.Distance != b.Distance)
        {
            return a.Distance < b.Distance;
        }
        if (Math.Abs(a.Similarity - b.Similarity) > 1e-9)
        {
            return a.Similarity > b.Similarity;
        }
        if (preferShort && a.Word.Length != b.Word.Length)
        {
            return a.Word.Length < b.Word.Length;
        }
        return string.CompareOrdinal(a.Word, b.Word) < 0;
    }

    /// <summary>
    /// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of two neighbouring
    /// letters each cost one. Stops early once every path is above <paramref name="ceiling"/> (returns ceiling + 1).
    /// </summary>
    public static int EditDistance(string a, string b, int ceiling = int.MaxValue - 1)
    {
        if (Math.Abs(a.Length - b.Length) > ceiling)
        {
            return ceiling + 1;
        }
        // Three rows: the one before the previous is what a transposition looks back to.
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > ceiling)
            {
                return ceiling + 1;
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }
        return Math.Min(previous[b.Length], ceiling + 1);
    }

    /// <summary>pg_trgm's similarity of two words: shared trigrams over all trigrams, each word padded as pg_trgm pads it.</summary>
    public static double TrigramSimilarity(string a, string b)
    {
        var left = Trigrams(a);
        var right = Trigrams(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }
        var shared = left.Count(right.Contains);
        return (double)shared / (left.Count + right.Count - shared);
    }

    private static HashSet<string> Trigrams(string word)
    {
        var padded = $"  {word.ToLowerInvariant()} ";
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            trigrams.Add(padded.Substring(i, 3));
        }
        return trigrams;
    }
}
