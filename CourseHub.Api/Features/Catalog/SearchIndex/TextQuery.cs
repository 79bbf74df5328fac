using System.Text;
using NpgsqlTypes;

namespace CourseHub.Api.Features.Catalog.SearchIndex;

/// <summary>
/// A parsed text-search query (what PostgreSQL's <c>websearch_to_tsquery</c> made of the visitor's words), ready to be
/// evaluated against <see cref="CatalogIndexSnapshot"/>: which courses match (<c>@@</c>) and how each ranks
/// (<c>ts_rank</c>). Both follow PostgreSQL's own definitions so the index answers exactly as the database would;
/// a query shape websearch never produces (prefix or weight-restricted terms, and/or/not inside a phrase) is not
/// compiled, and the caller asks the database instead.
/// </summary>
public sealed class TextQuery
{
    private TextQuery(Node root, IReadOnlyList<string> operands, bool rankAsAnd)
    {
        Root = root;
        Operands = operands;
        RankAsAnd = rankAsAnd;
    }

    public Node Root { get; }

    /// <summary>Every lexeme of the query once, in PostgreSQL's order for ranking (byte order of the UTF-8 text).</summary>
    public IReadOnlyList<string> Operands { get; }

    /// <summary>ts_rank ranks by term proximity when the query's top operator is AND or a phrase, else by term frequency.</summary>
    public bool RankAsAnd { get; }

    /// <summary>The compiled query, or null for a shape this evaluator does not implement.</summary>
    public static TextQuery? Compile(NpgsqlTsQuery query)
    {
        var lexemes = new List<string>();
        Collect(query, lexemes);
        var operands = lexemes.Distinct(StringComparer.Ordinal).OrderBy(l => l, Utf8Order.Instance).ToList();
        var root = Build(query, operands, insidePhrase: false);
        if (root is null)
        {
            return null;
        }
        var rankAsAnd = query.Kind is NpgsqlTsQuery.NodeKind.And or NpgsqlTsQuery.NodeKind.Phrase;
        return new TextQuery(root, operands, rankAsAnd);
    }

    private static void Collect(NpgsqlTsQuery node, List<string> lexemes)
    {
        switch (node)
        {
            case NpgsqlTsQueryLexeme lexeme:
                lexemes.Add(lexeme.Text);
                break;
            case NpgsqlTsQueryNot negation:
                Collect(negation.Child, lexemes);
                break;
            case NpgsqlTsQueryBinOp binary:
                Collect(binary.Left, lexemes);
                Collect(binary.Right, lexemes);
                break;
        }
    }

    private static Node? Build(NpgsqlTsQuery node, List<string> operands, bool insidePhrase)
    {
        switch (node)
        {
            case NpgsqlTsQueryEmpty:
                return insidePhrase ? null : new Nothing();
            case NpgsqlTsQueryLexeme lexeme:
                if (lexeme.IsPrefixSearch || lexeme.Weights != NpgsqlTsQueryLexeme.Weight.None)
                {
                    return null;
                }
                return new Term(operands.IndexOf(lexeme.Text));
            case NpgsqlTsQueryFollowedBy phrase:
                var left = Build(phrase.Left, operands, insidePhrase: true);
                var right = Build(phrase.Right, operands, insidePhrase: true);
                return left is null || right is null ? null : new FollowedBy(left, right, phrase.Distance);
            case NpgsqlTsQueryNot negation when !insidePhrase:
                return Build(negation.Child, operands, false) is { } child ? new Not(child) : null;
            case NpgsqlTsQueryAnd both when !insidePhrase:
                return Pair(both, operands, (l, r) => new And(l, r));
            case NpgsqlTsQueryOr either when !insidePhrase:
                return Pair(either, operands, (l, r) => new Or(l, r));
            default:
                return null;
        }
    }

    private static Node? Pair(NpgsqlTsQueryBinOp node, List<string> operands, Func<Node, Node, Node> make) =>
        Build(node.Left, operands, false) is { } left && Build(node.Right, operands, false) is { } right ? make(left, right) : null;

    public abstract record Node;

    /// <summary>A lexeme: <see cref="Operand"/> indexes <see cref="Operands"/>.</summary>
    public sealed record Term(int Operand) : Node;
    public sealed record And(Node Left, Node Right) : Node;
    public sealed record Or(Node Left, Node Right) : Node;
    public sealed record Not(Node Child) : Node;

    /// <summary><c>left &lt;distance&gt; right</c>: right's words come <see cref="Distance"/> positions after left's.</summary>
    public sealed record FollowedBy(Node Left, Node Right, int Distance) : Node;

    /// <summary>A query of stop words only: it matches nothing (PostgreSQL's <c>@@</c> with an empty query is false).</summary>
    public sealed record Nothing : Node;

    /// <summary>PostgreSQL orders lexemes by their bytes (memcmp, then length): UTF-8 byte order, not UTF-16's.</summary>
    public sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = Encoding.UTF8.GetBytes(x ?? "");
            var b = Encoding.UTF8.GetBytes(y ?? "");
            return a.AsSpan().SequenceCompareTo(b);
        }
    }
}
