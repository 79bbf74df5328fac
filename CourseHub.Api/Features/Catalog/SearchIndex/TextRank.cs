namespace CourseHub.Api.Features.Catalog.SearchIndex;

/// <summary>
/// PostgreSQL's <c>ts_rank(vector, query)</c> with the default weights and no normalization, computed from the query's
/// operands' positions in one course: by term frequency (a sum over each term's occurrences, the heaviest one counted
/// fully) when the query's top operator is OR, by proximity (every pair of positions of different terms, closer pairs
/// counting more) when it is AND or a phrase. The arithmetic is single precision where PostgreSQL's is, double where it
/// is, and in the same order, so ranks — and the order of equal ranks — come out as the database's.
/// </summary>
public static class TextRank
{
    /// <summary>The weight of a position packed as PostgreSQL packs it: weight (D=0 … A=3) in the top two bits.</summary>
    private static readonly float[] Weights = [0.1f, 0.2f, 0.4f, 1.0f];

    public const int PositionMask = 0x3FFF;

    public static ushort Pack(int position, int weight) => (ushort)((weight << 14) | Math.Min(position, PositionMask));

    private static float Weight(ushort packed) => Weights[packed >> 14];

    private static int Position(ushort packed) => packed & PositionMask;

    /// <summary>The rank of a course: <paramref name="positions"/> holds each operand's positions, default when absent.</summary>
    public static float Rank(ArraySegment<ushort>[] positions, bool rankAsAnd)
    {
        var rank = rankAsAnd ? RankByProximity(positions) : RankByFrequency(positions);
        return rank < 0 ? 1e-20f : rank;
    }

    private static float RankByFrequency(ArraySegment<ushort>[] positions)
    {
        float rank = 0;
        foreach (var occurrences in positions)
        {
            if (occurrences.Array is null)
            {
                continue;
            }
            float sum = 0, heaviest = -1;
            var heaviestIndex = 0;
            for (var j = 0; j < occurrences.Count; j++)
            {
                var weight = Weight(occurrences[j]);
                sum += weight / ((j + 1) * (j + 1));
                if (weight > heaviest)
                {
                    heaviest = weight;
                    heaviestIndex = j;
                }
            }
            // pi²/6, the limit of sum(1/i²): PostgreSQL divides in double precision and stores the result as a float.
            rank = (float)(rank + (heaviest + sum - heaviest / ((heaviestIndex + 1) * (heaviestIndex + 1))) / 1.64493406685);
        }
        return positions.Length > 0 ? rank / positions.Length : rank;
    }

    private static float RankByProximity(ArraySegment<ushort>[] positions)
    {
        if (positions.Length < 2)
        {
            return RankByFrequency(positions);
        }
        float rank = -1;
        for (var i = 0; i < positions.Length; i++)
        {
            var current = positions[i];
            if (current.Array is null)
            {
                continue;
            }
            for (var k = 0; k < i; k++)
            {
                var earlier = positions[k];
                if (earlier.Array is null)
                {
                    continue;
                }
                for (var l = 0; l < current.Count; l++)
                {
                    for (var p = 0; p < earlier.Count; p++)
                    {
                        var distance = Math.Abs(Position(current[l]) - Position(earlier[p]));
                        if (distance == 0)
                        {
                            continue;
                        }
                        var pair = (float)Math.Sqrt(Weight(current[l]) * Weight(earlier[p]) * WordDistance(distance));
                        rank = rank < 0 ? pair : (float)(1.0 - (1.0 - rank) * (1.0 - pair));
                    }
                }
            }
        }
        return rank;
    }

    private static float WordDistance(int distance) =>
        distance > 100 ? 1e-30f : (float)(1.0 / (1.005 + 0.05 * Math.Exp((float)distance / 1.5 - 2)));
}
