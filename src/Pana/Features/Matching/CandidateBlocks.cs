using System.Numerics;
using System.Runtime.InteropServices;

namespace Pana.Features.Matching;

/// <summary>
/// People grouped by blocking key into arrays of indices, for the batch run and the quality bench alike. Keys are kept
/// as hashes, never as strings, each beside its person in one 64-bit number. A block larger than the limit (a very common name) is not skipped but split by a
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
        // Each place is one 64-bit number: the key's hash above, the person below, so sorting them sorts by key and then person.
        var personBits = Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)Math.Max(people - 1, 1)));
        var person = (1UL << personBits) - 1;
        var chunks = Hashed(people, keys, ~person, ct);
        var starts = new List<int> { 0 };
        var members = new List<int>(chunks.Sum(c => c.Length) / 2);
        var run = new List<int>();
        var (largest, split) = (0, 0);
        void Close()
        {
            largest = Math.Max(largest, run.Count);
            if (run.Count > limit)
            {
                split++;
                Split([.. run], birth, limit, starts, members);
            }
            else if (run.Count > 1)
            {
                Add(CollectionsMarshal.AsSpan(run), starts, members);
            }
            run.Clear();
        }
        var key = 0UL;
        foreach (var place in Merged(chunks))
        {
            if ((place & ~person) != key && run.Count > 0)
                Close();
            key = place & ~person;
            run.Add((int)(place & person));
        }
        Close();
        // The sorted places are done with: the batch's memory peaks here, so they go before the blocks are indexed.
        chunks = [];
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var blocks = new CandidateBlocks([.. starts], [.. members], people, largest, split);
        return blocks;
    }

    // Each person's keys as hashes cut to the bits above the person's (each key once per person), computed and sorted on
    // all cores a chunk of people at a time: the chunks are all the memory the places take, never copied into one array.
    private static ulong[][] Hashed(int people, Func<int, IReadOnlyList<string>> keys, ulong hashBits, CancellationToken ct)
    {
        var chunks = new ulong[(people + Chunk - 1) / Chunk][];
        Parallel.For(0, chunks.Length, new ParallelOptions { CancellationToken = ct }, () => new List<ulong>(Chunk * 16), (c, _, places) =>
        {
            places.Clear();
            Span<ulong> mine = stackalloc ulong[64];
            for (var p = c * Chunk; p < Math.Min(people, (c + 1) * Chunk); p++)
            {
                var n = 0;
                foreach (var key in keys(p))
                {
                    var h = Hash(key) & hashBits;
                    if (n < mine.Length && !mine[..n].Contains(h))
                        mine[n++] = h;
                }
                foreach (var h in mine[..n])
                    places.Add(h | (uint)p);
            }
            chunks[c] = [.. places];
            Array.Sort(chunks[c]);
            return places;
        }, _ => { });
        return chunks;
    }

    // The sorted chunks' places in one ascending order, the smallest head taken each time.
    private static IEnumerable<ulong> Merged(ulong[][] chunks)
    {
        var next = new int[chunks.Length];
        var heads = new PriorityQueue<int, ulong>(chunks.Length);
        for (var c = 0; c < chunks.Length; c++)
        {
            if (chunks[c].Length > 0)
                heads.Enqueue(c, chunks[c][0]);
        }
        while (heads.TryPeek(out var c, out var place))
        {
            yield return place;
            if (++next[c] < chunks[c].Length)
                heads.DequeueEnqueue(c, chunks[c][next[c]]);
            else
                heads.Dequeue();
        }
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

    // FNV-1a over the characters, finished with a 64-bit mix. Of it the bits above the person's are kept (43 at 1.45 million
    // people): two keys of millions may then collide (2 more comparisons of 198 million in that run), which only puts two blocks together.
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
