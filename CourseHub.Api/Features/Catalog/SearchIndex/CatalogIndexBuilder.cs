using NpgsqlTypes;

namespace CourseHub.Api.Features.Catalog.SearchIndex;

/// <summary>A course row as the change feed delivers it: the course, whether it is published, its search vector.</summary>
public sealed record ChangedCourse(IndexedCourse Course, bool Published, NpgsqlTsVector Vector);

/// <summary>Where a read of the change feed stood: the categories then, and the feed's watermark.</summary>
public sealed record FeedPosition(IReadOnlyList<CatalogCategory> Categories, string CategoriesSignature, ulong Watermark, ulong[] Seen, long ReadStarted);

/// <summary>Builds snapshots: all at once from every published course, or the next one from the previous and a batch of changes.</summary>
public static class CatalogIndexBuilder
{
    public static CatalogIndexSnapshot Full(IReadOnlyList<ChangedCourse> published, FeedPosition position)
    {
        var courses = new IndexedCourse?[published.Count];
        var ordinals = new Dictionary<Guid, int>(published.Count);
        var entries = new Dictionary<string, (string Text, List<(int, ushort[])> List)>(StringComparer.Ordinal);
        for (var ordinal = 0; ordinal < published.Count; ordinal++)
        {
            courses[ordinal] = Add(published[ordinal], ordinal, entries, canonical: null);
            ordinals[published[ordinal].Course.Id] = ordinal;
        }
        var postings = entries.ToDictionary(e => e.Key, e => Postings.Build(e.Value.Text, e.Value.List), StringComparer.Ordinal);
        return new CatalogIndexSnapshot(courses, ordinals, postings, position.Categories, position.CategoriesSignature,
            position.Watermark, position.Seen, position.ReadStarted);
    }

    /// <summary>The previous snapshot with changed courses replaced (or dropped when no longer published) and removed ones dropped.</summary>
    public static CatalogIndexSnapshot Apply(CatalogIndexSnapshot previous, IReadOnlyList<ChangedCourse> changes, IReadOnlyList<Guid> removed, FeedPosition position)
    {
        var added = changes.Count(c => c.Published && !previous.Ordinals.ContainsKey(c.Course.Id));
        var courses = new IndexedCourse?[previous.Courses.Count + added];
        for (var i = 0; i < previous.Courses.Count; i++)
        {
            courses[i] = previous.Courses[i];
        }
        var ordinals = new Dictionary<Guid, int>(previous.Ordinals);
        var next = previous.Courses.Count;
        var dropped = new HashSet<int>();
        var entries = new Dictionary<string, (string Text, List<(int, ushort[])> List)>(StringComparer.Ordinal);

        void TakeOut(Guid id)
        {
            if (ordinals.Remove(id, out var ordinal))
            {
                dropped.Add(ordinal);
                foreach (var lexeme in courses[ordinal]!.Lexemes)
                {
                    entries.TryAdd(lexeme, (lexeme, []));
                }
                courses[ordinal] = null;
            }
        }

        foreach (var id in removed)
        {
            TakeOut(id);
        }
        foreach (var change in changes)
        {
            var existing = ordinals.GetValueOrDefault(change.Course.Id, -1);
            TakeOut(change.Course.Id);
            if (!change.Published)
            {
                continue;
            }
            var ordinal = existing >= 0 ? existing : next++;
            courses[ordinal] = Add(change, ordinal, entries, previous.Postings);
            ordinals[change.Course.Id] = ordinal;
        }

        var postings = new Dictionary<string, Postings>(previous.Postings.Count + entries.Count, StringComparer.Ordinal);
        foreach (var (lexeme, list) in previous.Postings)
        {
            if (!entries.ContainsKey(lexeme))
            {
                postings[lexeme] = list;
            }
        }
        foreach (var (lexeme, (text, list)) in entries)
        {
            var kept = previous.Postings.TryGetValue(lexeme, out var old)
                ? old.Entries().Where(e => !dropped.Contains(e.Ordinal)).ToList()
                : [];
            kept.AddRange(list);
            if (kept.Count > 0)
            {
                postings[lexeme] = Postings.Build(text, kept);
            }
        }
        return new CatalogIndexSnapshot(courses[..next], ordinals, postings, position.Categories, position.CategoriesSignature,
            position.Watermark, position.Seen, position.ReadStarted);
    }

    /// <summary>Adds a course's lexemes to <paramref name="entries"/> and returns the course holding them (one string instance per lexeme).</summary>
    private static IndexedCourse Add(ChangedCourse change, int ordinal, Dictionary<string, (string Text, List<(int, ushort[])> List)> entries,
        IReadOnlyDictionary<string, Postings>? canonical)
    {
        var lexemes = new string[change.Vector.Count];
        var i = 0;
        foreach (var lexeme in change.Vector)
        {
            if (!entries.TryGetValue(lexeme.Text, out var entry))
            {
                var text = canonical?.GetValueOrDefault(lexeme.Text)?.Text ?? lexeme.Text;
                entries[text] = entry = (text, []);
            }
            var positions = new ushort[lexeme.Count];
            for (var p = 0; p < lexeme.Count; p++)
            {
                positions[p] = TextRank.Pack(lexeme[p].Pos, WeightOf(lexeme[p].Weight));
            }
            entry.List.Add((ordinal, positions));
            lexemes[i++] = entry.Text;
        }
        var course = change.Course.WithIdOrder();
        course.Lexemes = lexemes;
        return course;
    }

    private static int WeightOf(NpgsqlTsVector.Lexeme.Weight weight) => weight switch
    {
        NpgsqlTsVector.Lexeme.Weight.A => 3,
        NpgsqlTsVector.Lexeme.Weight.B => 2,
        NpgsqlTsVector.Lexeme.Weight.C => 1,
        _ => 0,
    };
}
