using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Catalog.SearchIndex;

/// <summary>A published course as the index keeps it: what a search result shows, filters and sorts on, and its lexemes.</summary>
public sealed class IndexedCourse
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string? Subtitle { get; init; }
    public required int CategoryId { get; init; }
    public required string Level { get; init; }

    /// <summary><see cref="Level"/> as the enum (the database stores its name).</summary>
    public CourseLevel LevelValue { get; private init; }
    public required string Language { get; init; }
    public required long PriceMinor { get; init; }
    public required string Currency { get; init; }
    public required string? ThumbnailBlobName { get; init; }
    public required Guid TeacherId { get; init; }
    public required string TeacherName { get; init; }
    public required decimal RatingAverage { get; init; }
    public required int RatingCount { get; init; }
    public required int EnrollmentCount { get; init; }
    public required DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The course's lexemes (shared string instances), so a change can take it out of their postings.</summary>
    public string[] Lexemes { get; set; } = [];

    /// <summary>PostgreSQL orders uuids by their bytes in RFC order; these are those bytes as two numbers.</summary>
    public (ulong High, ulong Low) IdOrder { get; private init; }

    public static (ulong High, ulong Low) OrderOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    public IndexedCourse WithIdOrder() => new()
    {
        Id = Id, Slug = Slug, Title = Title, Subtitle = Subtitle, CategoryId = CategoryId, Level = Level, Language = Language,
        PriceMinor = PriceMinor, Currency = Currency, ThumbnailBlobName = ThumbnailBlobName, TeacherId = TeacherId,
        TeacherName = TeacherName, RatingAverage = RatingAverage, RatingCount = RatingCount, EnrollmentCount = EnrollmentCount,
        PublishedAt = PublishedAt, Lexemes = Lexemes, IdOrder = OrderOf(Id), LevelValue = Enum.Parse<CourseLevel>(Level),
    };
}

/// <summary>Which courses hold a lexeme (ordinals, ascending) and where in each (packed positions).</summary>
public sealed class Postings(string text, int[] ordinals, int[] starts, ushort[] positions)
{
    public string Text => text;
    public int Count => ordinals.Length;
    public int OrdinalAt(int index) => ordinals[index];
    public ArraySegment<ushort> PositionsAt(int index) => new(positions, starts[index], starts[index + 1] - starts[index]);
    public long Bytes => ordinals.Length * 8L + positions.Length * 2L;

    /// <summary>The entry index of a course at or after <paramref name="from"/>, or -1: callers walk courses in ordinal order.</summary>
    public int Seek(int ordinal, ref int from)
    {
        // Galloping forward would be faster for long lists; a binary search over the rest is simple and log-cheap.
        var index = Array.BinarySearch(ordinals, from, ordinals.Length - from, ordinal);
        if (index >= 0)
        {
            from = index;
            return index;
        }
        from = ~index;
        return -1;
    }

    public static Postings Build(string text, List<(int Ordinal, ushort[] Positions)> entries)
    {
        entries.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        var ordinals = new int[entries.Count];
        var starts = new int[entries.Count + 1];
        var positions = new ushort[entries.Sum(e => e.Positions.Length)];
        var offset = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            ordinals[i] = entries[i].Ordinal;
            starts[i] = offset;
            entries[i].Positions.CopyTo(positions, offset);
            offset += entries[i].Positions.Length;
        }
        starts[^1] = offset;
        return new Postings(text, ordinals, starts, positions);
    }

    public IEnumerable<(int Ordinal, ushort[] Positions)> Entries()
    {
        for (var i = 0; i < ordinals.Length; i++)
        {
            yield return (ordinals[i], PositionsAt(i).ToArray());
        }
    }
}

/// <summary>
/// One immutable state of the catalog search index: the published courses by ordinal, an inverted index with positions,
/// the categories, and where in PostgreSQL's history it was read (the change feed's watermark). Searches run on it
/// without locks; a refresh builds the next snapshot and swaps it in.
/// </summary>
public sealed class CatalogIndexSnapshot
{
    private readonly IndexedCourse?[] _courses;
    private readonly Dictionary<string, Postings> _postings;
    private readonly ulong[] _live;
    private readonly Lazy<(int[] Order, int[] PositionOf)>[] _orders;

    public CatalogIndexSnapshot(IndexedCourse?[] courses, Dictionary<Guid, int> ordinals, Dictionary<string, Postings> postings,
        IReadOnlyList<CatalogCategory> categories, string categoriesSignature, ulong watermark, ulong[] seen, long readStarted)
    {
        _courses = courses;
        Ordinals = ordinals;
        _postings = postings;
        Categories = categories;
        CategoriesSignature = categoriesSignature;
        Watermark = watermark;
        Seen = seen;
        ReadStarted = readStarted;
        _live = new ulong[(courses.Length + 63) / 64];
        for (var i = 0; i < courses.Length; i++)
        {
            if (courses[i] is not null)
            {
                _live[i >> 6] |= 1UL << (i & 63);
                LiveCount++;
            }
        }
        _orders = Enum.GetValues<CatalogSort>().Select(sort => new Lazy<(int[], int[])>(() => SortedOrdinals(sort))).ToArray();
    }

    public IReadOnlyList<IndexedCourse?> Courses => _courses;
    public Dictionary<Guid, int> Ordinals { get; }
    public IReadOnlyDictionary<string, Postings> Postings => _postings;
    public IReadOnlyList<CatalogCategory> Categories { get; }
    public string CategoriesSignature { get; }

    /// <summary>The oldest transaction still running when this state was read: every later change has an id at or above it.</summary>
    public ulong Watermark { get; }

    /// <summary>Transactions at or above <see cref="Watermark"/> whose changes are already in.</summary>
    public ulong[] Seen { get; }

    /// <summary>When (Stopwatch ticks) the read behind this state started: it holds everything committed before then.</summary>
    public long ReadStarted { get; }

    public int LiveCount { get; }
    public long PostingBytes => _postings.Values.Sum(p => p.Bytes);

    public CourseSearchResponse Search(CatalogQuery query, TextQuery? text, bool fuzzy)
    {
        var matches = text is null ? _live : Evaluate(text.Root, text.Operands);
        var selectedCategory = CatalogFacetCube.SelectedCategory(query, Categories);
        // The count cube keyed by one number (category × 8 + free × 4 + level), not by a tuple holding a string.
        var cube = new Dictionary<int, int>();
        var pageCandidates = new List<int>();
        for (var word = 0; word < matches.Length; word++)
        {
            var bits = matches[word];
            while (bits != 0)
            {
                var ordinal = (word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var course = _courses[ordinal]!;
                if (!PassesBaseFilters(course, query))
                {
                    continue;
                }
                var key = course.CategoryId * 8 + (course.PriceMinor == 0 ? 4 : 0) + (int)course.LevelValue;
                CollectionsMarshal.GetValueRefOrAddDefault(cube, key, out _)++;
                if ((selectedCategory is null || course.CategoryId == selectedCategory)
                    && (query.Free is null || (course.PriceMinor == 0) == query.Free)
                    && (query.Level is null || course.LevelValue == query.Level))
                {
                    pageCandidates.Add(ordinal);
                }
            }
        }
        var cells = cube.Select(c => new CubeCell(c.Key / 8, (c.Key & 4) != 0, ((CourseLevel)(c.Key & 3)).ToString(), c.Value)).ToList();
        var (total, facets) = CatalogFacetCube.Summarize(cells, Categories, query);
        var offset = (query.Page - 1) * query.PageSize;
        var page = Order(pageCandidates, query, text, offset + query.PageSize).Skip(offset).Take(query.PageSize).Select(Summary).ToList();
        return new CourseSearchResponse(page, total, query.Page, query.PageSize, facets, fuzzy);
    }

    private static bool PassesBaseFilters(IndexedCourse course, CatalogQuery query) =>
        (query.MinRating is null || course.RatingAverage >= query.MinRating)
        && (query.Language is null || string.Equals(course.Language, query.Language, StringComparison.Ordinal))
        && (query.MinPrice is null || course.PriceMinor >= query.MinPrice)
        && (query.MaxPrice is null || course.PriceMinor <= query.MaxPrice);

    /// <summary>The page candidates (ascending ordinals) in the query's order: as the database's ORDER BY … , id.</summary>
    private IEnumerable<int> Order(List<int> candidates, CatalogQuery query, TextQuery? text, int wanted)
    {
        if (query.Sort == CatalogSort.Relevance && text is not null)
        {
            var ranks = Rank(candidates, text);
            int Compare(int a, int b)
            {
                var byRank = ranks[b].CompareTo(ranks[a]);
                if (byRank != 0)
                {
                    return byRank;
                }
                var x = _courses[candidates[a]]!;
                var y = _courses[candidates[b]]!;
                var byEnrollments = y.EnrollmentCount.CompareTo(x.EnrollmentCount);
                return byEnrollments != 0 ? byEnrollments : x.IdOrder.CompareTo(y.IdOrder);
            }
            return TopInOrder(candidates.Count, wanted, Compare).Select(i => candidates[i]);
        }
        var (order, positionOf) = _orders[(int)(query.Sort == CatalogSort.Relevance ? CatalogSort.Popular : query.Sort)].Value;
        if (candidates.Count * 8 > LiveCount)
        {
            // Many candidates: walk the precomputed order and keep the candidates, instead of sorting them.
            var members = new HashSet<int>(candidates);
            return order.Where(members.Contains);
        }
        return TopInOrder(candidates.Count, wanted, (a, b) => positionOf[candidates[a]].CompareTo(positionOf[candidates[b]])).Select(i => candidates[i]);
    }

    /// <summary>
    /// The first <paramref name="wanted"/> of <paramref name="count"/> items (0 … count-1) in <paramref name="compare"/>'s order:
    /// a bounded heap when a page is a small part of the matches, a full sort otherwise.
    /// </summary>
    private static IEnumerable<int> TopInOrder(int count, int wanted, Comparison<int> compare)
    {
        if (wanted * 4 >= count)
        {
            var all = Enumerable.Range(0, count).ToArray();
            Array.Sort(all, compare);
            return all;
        }
        // The heap's root is the worst of the best kept so far.
        var kept = new PriorityQueue<int, int>(wanted + 1, Comparer<int>.Create((a, b) => compare(b, a)));
        for (var i = 0; i < count; i++)
        {
            if (kept.Count < wanted)
            {
                kept.Enqueue(i, i);
            }
            else if (compare(i, kept.Peek()) < 0)
            {
                kept.EnqueueDequeue(i, i);
            }
        }
        var best = new int[kept.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            best[i] = kept.Dequeue();
        }
        return best;
    }

    /// <summary>ts_rank of each candidate, walking every operand's postings once (candidates come in ordinal order).</summary>
    private float[] Rank(List<int> candidates, TextQuery text)
    {
        var postings = text.Operands.Select(o => _postings.GetValueOrDefault(o)).ToArray();
        var cursors = new int[postings.Length];
        var positions = new ArraySegment<ushort>[postings.Length];
        var ranks = new float[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            for (var i = 0; i < postings.Length; i++)
            {
                var index = postings[i]?.Seek(candidates[c], ref cursors[i]) ?? -1;
                positions[i] = index >= 0 ? postings[i]!.PositionsAt(index) : default;
            }
            ranks[c] = TextRank.Rank(positions, text.RankAsAnd);
        }
        return ranks;
    }

    private CourseSummary Summary(int ordinal)
    {
        var course = _courses[ordinal]!;
        var category = Categories.First(c => c.Id == course.CategoryId);
        return new CourseSummary(course.Id, course.Slug, course.Title, course.Subtitle, new CategoryRef(category.Slug, category.Name),
            course.Level.ToLowerInvariant(), course.Language, course.PriceMinor, course.Currency, course.PriceMinor == 0,
            course.ThumbnailBlobName is null ? null : CourseMediaBlobs.PublicThumbnailUrl(course.Id, course.ThumbnailBlobName),
            course.TeacherId, course.TeacherName, course.RatingAverage, course.RatingCount, course.EnrollmentCount, course.PublishedAt);
    }

    /// <summary>The courses matching a query node, as a bit set over ordinals (PostgreSQL's <c>@@</c>).</summary>
    private ulong[] Evaluate(TextQuery.Node node, IReadOnlyList<string> operands)
    {
        switch (node)
        {
            case TextQuery.Term term:
                return Containing(operands[term.Operand]);
            case TextQuery.And both:
            {
                var left = Evaluate(both.Left, operands);
                var right = Evaluate(both.Right, operands);
                for (var i = 0; i < left.Length; i++)
                {
                    left[i] &= right[i];
                }
                return left;
            }
            case TextQuery.Or either:
            {
                var left = Evaluate(either.Left, operands);
                var right = Evaluate(either.Right, operands);
                for (var i = 0; i < left.Length; i++)
                {
                    left[i] |= right[i];
                }
                return left;
            }
            case TextQuery.Not negation:
            {
                var child = Evaluate(negation.Child, operands);
                for (var i = 0; i < child.Length; i++)
                {
                    child[i] = ~child[i] & _live[i];
                }
                return child;
            }
            case TextQuery.FollowedBy phrase:
                return PhraseMatches(phrase, operands);
            default:
                return new ulong[_live.Length];
        }
    }

    private ulong[] Containing(string lexeme)
    {
        var set = new ulong[_live.Length];
        if (_postings.TryGetValue(lexeme, out var postings))
        {
            for (var i = 0; i < postings.Count; i++)
            {
                var ordinal = postings.OrdinalAt(i);
                set[ordinal >> 6] |= 1UL << (ordinal & 63);
            }
        }
        return set;
    }

    /// <summary>Courses with the phrase: those holding all its words, then checked position by position.</summary>
    private ulong[] PhraseMatches(TextQuery.FollowedBy phrase, IReadOnlyList<string> operands)
    {
        var candidates = Evaluate(AllWords(phrase), operands);
        var result = new ulong[_live.Length];
        for (var word = 0; word < candidates.Length; word++)
        {
            var bits = candidates[word];
            while (bits != 0)
            {
                var ordinal = (word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (PhraseEnds(phrase, ordinal, operands).Ends.Count > 0)
                {
                    result[word] |= 1UL << (ordinal & 63);
                }
            }
        }
        return result;
    }

    private static TextQuery.Node AllWords(TextQuery.Node node) => node is TextQuery.FollowedBy phrase
        ? new TextQuery.And(AllWords(phrase.Left), AllWords(phrase.Right))
        : node;

    /// <summary>
    /// Where a phrase ends in a course, and how many positions it spans — PostgreSQL's phrase semantics: in
    /// <c>a &lt;n&gt; b</c> b's start is n positions after a's end, and the match ends where b ends.
    /// </summary>
    private (List<int> Ends, int Width) PhraseEnds(TextQuery.Node node, int ordinal, IReadOnlyList<string> operands)
    {
        if (node is TextQuery.FollowedBy phrase)
        {
            var (leftEnds, leftWidth) = PhraseEnds(phrase.Left, ordinal, operands);
            var (rightEnds, rightWidth) = PhraseEnds(phrase.Right, ordinal, operands);
            var offset = phrase.Distance + rightWidth;
            var left = new HashSet<int>(leftEnds);
            return (rightEnds.Where(end => left.Contains(end - offset)).ToList(), phrase.Distance + leftWidth + rightWidth);
        }
        var term = (TextQuery.Term)node;
        var ends = new List<int>();
        if (_postings.TryGetValue(operands[term.Operand], out var postings))
        {
            var from = 0;
            var index = postings.Seek(ordinal, ref from);
            if (index >= 0)
            {
                foreach (var packed in postings.PositionsAt(index))
                {
                    ends.Add(packed & TextRank.PositionMask);
                }
            }
        }
        return (ends, 0);
    }

    private (int[] Order, int[] PositionOf) SortedOrdinals(CatalogSort sort)
    {
        var ordinals = Enumerable.Range(0, _courses.Length).Where(i => _courses[i] is not null).ToArray();
        Comparison<IndexedCourse> compare = sort switch
        {
            CatalogSort.Relevance or CatalogSort.Popular => (x, y) => Then(y.EnrollmentCount.CompareTo(x.EnrollmentCount), y.RatingAverage.CompareTo(x.RatingAverage), x, y),
            CatalogSort.Rating => (x, y) => Then(y.RatingAverage.CompareTo(x.RatingAverage), y.RatingCount.CompareTo(x.RatingCount), x, y),
            CatalogSort.Newest => (x, y) => Then(NewestFirst(x.PublishedAt, y.PublishedAt), 0, x, y),
            CatalogSort.PriceAsc => (x, y) => Then(x.PriceMinor.CompareTo(y.PriceMinor), 0, x, y),
            CatalogSort.PriceDesc => (x, y) => Then(y.PriceMinor.CompareTo(x.PriceMinor), 0, x, y),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
        Array.Sort(ordinals, (a, b) => compare(_courses[a]!, _courses[b]!));
        var positionOf = new int[_courses.Length];
        for (var i = 0; i < ordinals.Length; i++)
        {
            positionOf[ordinals[i]] = i;
        }
        return (ordinals, positionOf);
    }

    private static int Then(int first, int second, IndexedCourse x, IndexedCourse y) =>
        first != 0 ? first : second != 0 ? second : x.IdOrder.CompareTo(y.IdOrder);

    /// <summary><c>published_at DESC NULLS LAST</c>.</summary>
    private static int NewestFirst(DateTimeOffset? x, DateTimeOffset? y) =>
        (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => y.Value.UtcTicks.CompareTo(x.Value.UtcTicks),
        };
}
