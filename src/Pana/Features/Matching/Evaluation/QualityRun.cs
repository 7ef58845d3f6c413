namespace Pana.Features.Matching.Evaluation;

/// <summary>Pairwise figures of one matcher on the evaluation set; recall counts every true pair, blocked or not.</summary>
public sealed record MatcherFigures(string Matcher, long Candidates, long TruePairsInCandidates, long TruePairs, long Predicted, long TruePositives, double Threshold)
{
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;
    public double Recall => TruePairs == 0 ? 0 : (double)TruePositives / TruePairs;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>The share of true pairs that share a block, so that the matcher sees them at all.</summary>
    public double BlockingRecall => TruePairs == 0 ? 0 : (double)TruePairsInCandidates / TruePairs;
}

/// <summary>How often a kind of hard negative (twins, siblings…) was compared, and how often taken for one person at the probable level.</summary>
public sealed record HardNegativeFigures(string Kind, int Compared, int Predicted);

/// <summary>Recall of true pairs by what the second registration got wrong.</summary>
public sealed record VariationFigures(string Variation, int Pairs, int Found);

/// <summary>The whole quality measurement: Pana's matcher at each level, the baseline, and where errors fall.</summary>
public sealed record QualityReport(int People, int Records, long TruePairs, int LargestBlock, MatcherFigures Probable, MatcherFigures Certain,
    MatcherFigures Possible, MatcherFigures BestProbable, MatcherFigures BestCertain, MatcherFigures Baseline, MatcherFigures BaselineOwnBlocking,
    IReadOnlyList<HardNegativeFigures> HardNegatives, IReadOnlyList<VariationFigures> Variations, IReadOnlyList<string> Misses, IReadOnlyList<string> FalseMatches);

/// <summary>
/// Runs the matcher on an evaluation set the way the batch deduplication does: records are blocked with
/// <see cref="PersonMatcher.BlockingKeys(MatchRecord)"/>, blocks larger than the batch's limit are split by year of birth, and every pair in a
/// block is compared once. The Jaro-Winkler baseline is scored on the same candidate pairs and, apart, with its
/// own blocking on the date of birth; its threshold is tuned for its best F1.
/// </summary>
public static class QualityRun
{
    /// <summary>The largest block the batch deduplication compares whole (it splits larger ones by a tighter key).</summary>
    public const int MaxBlock = CandidateBlocks.Limit;

    public static QualityReport Run(EvaluationSet set, int people, int examples = 0)
    {
        var records = set.Records;
        var levels = MatchThresholds.ForRegistryOf(records.Count);
        var (pairs, largest) = CandidatePairs(records, PersonMatcher.BlockingKeys);
        var scores = new double[pairs.Count];
        for (var k = 0; k < pairs.Count; k++)
            scores[k] = PersonMatcher.Score(records[pairs[k].A], records[pairs[k].B]);
        var truth = pairs.Select(p => set.SamePerson(p.A, p.B)).ToArray();
        var inBlocks = truth.LongCount(t => t);
        MatcherFigures At(string name, double threshold) =>
            Figures(name, pairs.Count, inBlocks, set.TruePairs, scores.Select((s, k) => (s, truth[k])), threshold);

        var hard = pairs.Select((p, k) => (Kind: set.HardNegative(p.A, p.B), Predicted: scores[k] >= levels.Probable))
            .Where(x => x.Kind is not null).GroupBy(x => x.Kind!)
            .Select(g => new HardNegativeFigures(g.Key, g.Count(), g.Count(x => x.Predicted))).OrderBy(h => h.Kind).ToList();

        var names = records.Select(JaroWinklerBaseline.Name).ToArray();
        var baseline = Tuned("Jaro-Winkler baseline (Pana's blocks)", pairs, set, names, inBlocks);
        var (ownPairs, _) = CandidatePairs(records, JaroWinklerBaseline.BlockingKeys);
        var ownInBlocks = ownPairs.LongCount(p => set.SamePerson(p.A, p.B));
        var baselineOwn = Tuned("Jaro-Winkler baseline (blocked on date of birth)", ownPairs, set, names, ownInBlocks);

        var found = pairs.Where((p, k) => scores[k] >= levels.Probable && truth[k]).Select(p => Key(p.A, p.B)).ToHashSet();
        var scoreOf = pairs.Select((p, k) => (Key(p.A, p.B), scores[k])).ToDictionary(x => x.Item1, x => x.Item2);
        var variations = new Dictionary<string, (int Pairs, int Found)>();
        var misses = new List<string>();
        foreach (var group in Enumerable.Range(0, records.Count).GroupBy(i => set.Entries[i].Person).Where(g => g.Count() > 1))
        {
            var members = group.ToList();
            for (var x = 0; x < members.Count; x++)
            {
                for (var y = x + 1; y < members.Count; y++)
                {
                    var (i, j) = (members[x], members[y]);
                    var hit = found.Contains(Key(i, j));
                    var notes = $"{set.Entries[i].Variation}, {set.Entries[j].Variation}".Split(", ", StringSplitOptions.RemoveEmptyEntries).Distinct().DefaultIfEmpty("(none)");
                    foreach (var note in notes)
                        variations[note] = (variations.GetValueOrDefault(note).Pairs + 1, variations.GetValueOrDefault(note).Found + (hit ? 1 : 0));
                    if (!hit && misses.Count < examples)
                        misses.Add(Describe(records[i], records[j], scoreOf.TryGetValue(Key(i, j), out var s) ? s : null, string.Join(", ", notes)));
                }
            }
        }
        var falseMatches = pairs.Select((p, k) => (p, k)).Where(x => scores[x.k] >= levels.Probable && !truth[x.k]).Take(examples)
            .Select(x => Describe(records[x.p.A], records[x.p.B], scores[x.k], set.HardNegative(x.p.A, x.p.B) ?? "strangers")).ToList();

        return new QualityReport(people, records.Count, set.TruePairs, largest, At("Pana (probable or certain)", levels.Probable),
            At("Pana (certain)", levels.Certain), At("Pana (possible or above)", levels.Possible), Best("Pana, best threshold with precision ≥ 0.97", pairs.Count, inBlocks, set.TruePairs, scores, truth, 0.97),
            Best("Pana, best threshold with precision ≥ 0.995", pairs.Count, inBlocks, set.TruePairs, scores, truth, 0.995),
            baseline, baselineOwn, hard, [.. variations.OrderBy(v => v.Key).Select(v => new VariationFigures(v.Key, v.Value.Pairs, v.Value.Found))], misses, falseMatches);
    }

    /// <summary>Every pair of records sharing a blocking key, once, blocked as the batch run blocks (large blocks split, not skipped).</summary>
    public static (List<(int A, int B)> Pairs, int Largest) CandidatePairs(IReadOnlyList<MatchRecord> records, Func<MatchRecord, IReadOnlyList<string>> keys)
    {
        var blocks = CandidateBlocks.Of(records.Count, i => keys(records[i]), i => records[i].Form.Birth, MaxBlock);
        return ([.. blocks.Pairs()], blocks.LargestKey);
    }

    private static MatcherFigures Tuned(string name, List<(int A, int B)> pairs, EvaluationSet set, string[] names, long inBlocks)
    {
        var scored = pairs.Select(p => (Score: JaroWinklerBaseline.Similarity(set.Records[p.A], set.Records[p.B], names[p.A], names[p.B]), True: set.SamePerson(p.A, p.B)))
            .Where(x => x.Score is not null).Select(x => (x.Score!.Value, x.True)).ToList();
        return Best(name, pairs.Count, inBlocks, set.TruePairs, [.. scored.Select(s => s.Value)], [.. scored.Select(s => s.True)], 0);
    }

    // The threshold with the best F1 among those reaching a minimum precision.
    private static MatcherFigures Best(string name, long candidates, long inBlocks, long truePairs, double[] scores, bool[] truth, double minPrecision)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(k => scores[k]).ToArray();
        var best = new MatcherFigures(name, candidates, inBlocks, truePairs, 0, 0, double.PositiveInfinity);
        long predicted = 0, hits = 0;
        for (var n = 0; n < order.Length; n++)
        {
            predicted++;
            hits += truth[order[n]] ? 1 : 0;
            if (n + 1 < order.Length && scores[order[n + 1]] == scores[order[n]])
                continue;
            var figures = new MatcherFigures(name, candidates, inBlocks, truePairs, predicted, hits, scores[order[n]]);
            if (figures.Precision >= minPrecision && figures.F1 > best.F1)
                best = figures;
        }
        return best;
    }

    private static MatcherFigures Figures(string name, long candidates, long inBlocks, long truePairs, IEnumerable<(double Score, bool True)> scored, double threshold)
    {
        long predicted = 0, hits = 0;
        foreach (var (score, isTrue) in scored)
        {
            if (score < threshold)
                continue;
            predicted++;
            hits += isTrue ? 1 : 0;
        }
        return new MatcherFigures(name, candidates, inBlocks, truePairs, predicted, hits, threshold);
    }

    private static string Describe(MatchRecord a, MatchRecord b, double? score, string why) =>
        $"{(score is { } s ? s.ToString("0.0") : "not blocked"),11} | {Line(a)} || {Line(b)} | {why}";

    private static string Line(MatchRecord r) =>
        $"{r.GivenName} {r.FamilyName}{(r.Patronymic is null ? "" : " " + r.Patronymic)} {r.Sex.ToString()[0]} {r.BirthDate:yyyy-MM-dd}/{r.BirthDatePrecision.ToString()[0]} " +
        $"{r.OriginCode} d:{string.Join("+", r.DocumentKeys)} p:{r.PhoneDigits} h:[{string.Join(",", r.HouseholdGivenNames)}]";

    private static long Key(int i, int j) => i < j ? ((long)i << 32) | (uint)j : ((long)j << 32) | (uint)i;
}
