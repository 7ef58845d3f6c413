namespace Pana.Features.Matching;

/// <summary>
/// People grouped by blocking key into arrays of indices, for the batch run and the quality bench alike. Keys are kept
/// as 64-bit hashes, never as strings. A block larger than the limit (a very common name) is not skipped but split by a
/// tighter key: the year of birth, in overlapping two-year windows so that a year off by one still meets; what is still
/// too large is cut, in order of the date of birth, into overlapping runs. Two people who share several blocks are
/// compared once, in the first block they share (<see cref="FirstShared"/>).
/// </summary>
internal sealed class CandidateBlocks
{
    /// <summary>
    /// The largest block compared whole. Comparisons grow with the square of a block: at a million people a common
    /// name's keys hold thousands; split into runs of at most this many, each person meets a few dozen others per key.
    /// </summary>
    public const int Limit = 160; // smaller limits halve the comparisons at a million but lose a year off by one under a common name

    private const int Chunk = 4096;

    // Block b holds members[blockStart[b]..blockStart[b + 1]]; person p is in personBlocks[personStart[p]..personStart[p + 1]], ascending.
    private readonly int[] blockStart;
    private readonly int[] members;
    private readonly int[] personStart;
    private readonly int[] personBlocks;

    private CandidateBlocks(int[] blockStart, int[] members, int people, int largestKey, int splitKeys)
    {
        this.blockStart = blockStart;
        this.members = members;
        LargestKey = largestKey;
        SplitKeys = splitKeys;
        personStart = new int[people + 1];
        foreach (var p in this.members)
            personStart[p + 1]++;
        for (var p = 0; p < people; p++)
            personStart[p + 1] += personStart[p];
        personBlocks = new int[this.members.Length];
        var next = personStart[..^1];
        for (var b = 0; b < Count; b++)
        {
            foreach (var p in Members(b))
                personBlocks[next[p]++] = b;
        }
    }

    /// <summary>How many blocks of two people or more there are.</summary>
    public int Count => blockStart.Length - 1;

    /// <summary>The most people sharing one key, before large blocks were split.</summary>
    public int LargestKey { get; }

    /// <summary>How many keys were shared by more than <see cref="Limit"/> people and split.</summary>
    public int SplitKeys { get; }

    /// <summary>Places in blocks, summed over people: the measure of the run's progress.</summary>
    public long Places => members.Length;

    public ReadOnlySpan<int> Members(int block) => members.AsSpan(blockStart[block], blockStart[block + 1] - blockStart[block]);

    /// <summary>Whether this block is the first that both people share, so that the pair is compared here and nowhere else.</summary>
    public bool FirstShared(int block, int x, int y)
    {
        var a = personBlocks.AsSpan(personStart[x], personStart[x + 1] - personStart[x]);
        var b = personBlocks.AsSpan(personStart[y], personStart[y + 1] - personStart[y]);
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j])
                return a[i] == block;
            if (a[i] < b[j])
                i++;
            else
                j++;
        }
        return false;
    }

    /// <summary>Every pair to compare, once: the quality bench's candidate pairs, the smaller index first.</summary>
    public IEnumerable<(int A, int B)> Pairs()
    {
        for (var b = 0; b < Count; b++)
        {
            for (var x = 0; x < blockStart[b + 1] - blockStart[b]; x++)
            {
                for (var y = x + 1; y < blockStart[b + 1] - blockStart[b]; y++)
                {
                    var (i, j) = (members[blockStart[b] + x], members[blockStart[b] + y]);
                    if (FirstShared(b, i, j))
                        yield return i < j ? (i, j) : (j, i);
                }
            }
        }
    }

    /// <summary>Blocks of folded people by <see cref="PersonMatcher.BlockingKeys(MatchForm)"/>.</summary>
    public static CandidateBlocks Of(IReadOnlyList<MatchForm> people, CancellationToken ct = default) =>
        Of(people.Count, p => PersonMatcher.BlockingKeys(people[p]), p => people[p].Birth, Limit, ct);

    /// <summary>Blocks of people by any keys (the baseline's too), with their dates of birth for splitting large blocks.</summary>
    public static CandidateBlocks Of(int people, Func<int, IReadOnlyList<string>> keys, Func<int, BirthDay> birth, int limit, CancellationToken ct = default)
    {
        var (hashes, owners) = Keys(people, keys, ct);
        Array.Sort(hashes, owners);
        hashes = Runs(hashes);
        var starts = new List<int> { 0 };
        var members = new List<int>(owners.Length / 2);
        var (largest, split) = (0, 0);
        for (var s = 0; s < hashes.Length;)
        {
            var e = s + (int)hashes[s];
            var run = owners.AsSpan(s, e - s);
            largest = Math.Max(largest, run.Length);
            if (run.Length > limit)
            {
                split++;
                Split(run.ToArray(), birth, limit, starts, members);
            }
            else if (run.Length > 1)
            {
                Add(run, starts, members);
            }
            s = e;
        }
        // The sorted keys are done with: the batch's memory peaks here, so they go before the blocks are indexed.
        hashes = [];
        owners = [];
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var blocks = new CandidateBlocks([.. starts], [.. members], people, largest, split);
        return blocks;
    }

    // The sorted hashes replaced, in place, by the length of the run of equal ones at each run's start.
    private static ulong[] Runs(ulong[] hashes)
    {
        for (var s = 0; s < hashes.Length;)
        {
            var e = s + 1;
            while (e < hashes.Length && hashes[e] == hashes[s])
                e++;
            hashes[s] = (ulong)(e - s);
            s = e;
        }
        return hashes;
    }

    // Each person's keys as hashes (each key once per person), computed on all cores.
    private static (ulong[] Hashes, int[] Owners) Keys(int people, Func<int, IReadOnlyList<string>> keys, CancellationToken ct)
    {
        var chunks = new (List<ulong> Hashes, List<int> Owners)[(people + Chunk - 1) / Chunk];
        Parallel.For(0, chunks.Length, new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (hashes, owners) = (new List<ulong>(Chunk * 8), new List<int>(Chunk * 8));
            Span<ulong> mine = stackalloc ulong[64];
            for (var p = c * Chunk; p < Math.Min(people, (c + 1) * Chunk); p++)
            {
                var n = 0;
                foreach (var key in keys(p))
                {
                    var h = Hash(key);
                    if (n < mine.Length && !mine[..n].Contains(h))
                        mine[n++] = h;
                }
                foreach (var h in mine[..n])
                {
                    hashes.Add(h);
                    owners.Add(p);
                }
            }
            chunks[c] = (hashes, owners);
        });
        var total = chunks.Sum(c => c.Hashes.Count);
        var (allHashes, allOwners) = (new ulong[total], new int[total]);
        var at = 0;
        foreach (var (hashes, owners) in chunks)
        {
            hashes.CopyTo(allHashes, at);
            owners.CopyTo(allOwners, at);
            at += hashes.Count;
        }
        return (allHashes, allOwners);
    }

    // A common name: by year of birth in two-year windows that overlap (1985 is in 1984-85 and 1985-86), then, if a window
    // is still too large or all share one year, in runs ordered by date of birth, each overlapping the next by half.
    private static void Split(int[] run, Func<int, BirthDay> birth, int limit, List<int> starts, List<int> members)
    {
        var dated = run.Where(p => birth(p).Kind != DateKind.None).ToArray();
        var years = dated.Select(p => birth(p).Year).Distinct().Count();
        var groups = new List<int[]> { run.Where(p => birth(p).Kind == DateKind.None).ToArray() };
        if (years > 1)
        {
            groups.AddRange(dated.SelectMany(p => new[] { (Window: birth(p).Year >> 1, Person: p), (Window: (birth(p).Year + 1) >> 1, Person: p) })
                .Distinct().GroupBy(x => x.Window, x => x.Person).Select(g => g.ToArray()));
        }
        else
        {
            groups.Add(dated);
        }
        foreach (var group in groups)
        {
            if (group.Length <= limit)
            {
                if (group.Length > 1)
                    Add(group, starts, members);
                continue;
            }
            var ordered = group.OrderBy(p => birth(p).Year).ThenBy(p => birth(p).Month).ThenBy(p => birth(p).Day).ThenBy(p => p).ToArray();
            for (var from = 0; ; from += limit / 2)
            {
                Add(ordered.AsSpan(from, Math.Min(limit, ordered.Length - from)), starts, members);
                if (from + limit >= ordered.Length)
                    break;
            }
        }
    }

    private static void Add(ReadOnlySpan<int> block, List<int> starts, List<int> members)
    {
        foreach (var p in block)
            members.Add(p);
        starts.Add(members.Count);
    }

    // FNV-1a over the characters, finished with a 64-bit mix: collisions among millions of keys are vanishingly rare,
    // and one would only put two blocks together.
    private static ulong Hash(string key)
    {
        var h = 14695981039346656037UL;
        foreach (var c in key)
            h = (h ^ c) * 1099511628211UL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }
}
