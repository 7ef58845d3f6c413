using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pana.Features.Registry.Synthetic;

namespace Pana.Bench.Scale;

/// <summary>Starts batch deduplication of the whole registry through the API and follows its progress until it ends or the cap.</summary>
public static class DedupRun
{
    public static async Task<Dedup> MeasureAsync(HttpClient http, ScaleDatabase database, IReadOnlyList<PlantedDuplicate> planted, TimeSpan cap, CancellationToken ct)
    {
        using var start = await http.PostAsJsonAsync("api/v1/matching/jobs", new { operation = (string?)null }, AppHost.Json, ct);
        if (start.StatusCode == HttpStatusCode.NotFound)
        {
            return new Dedup(false, false, 0, 0, 0, 0, 0, planted.Count, 0, null, "the app has no batch deduplication endpoint (POST /api/v1/matching/jobs)");
        }
        if (!start.IsSuccessStatusCode)
        {
            return new Dedup(false, false, 0, 0, 0, 0, 0, planted.Count, 0, null, $"POST /api/v1/matching/jobs: HTTP {(int)start.StatusCode}");
        }
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>(AppHost.Json, ct)).GetProperty("id").GetGuid();
        var clock = Stopwatch.StartNew();
        JsonElement job;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            job = await http.GetFromJsonAsync<JsonElement>($"api/v1/matching/jobs/{id}", AppHost.Json, ct);
            var state = job.GetProperty("state").ToString();
            if (state is "Completed" or "Failed" || clock.Elapsed > cap)
            {
                break;
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var finished = job.GetProperty("state").ToString() == "Completed";
        var failed = job.GetProperty("state").ToString() == "Failed";
        var total = job.GetProperty("personsTotal").GetInt32();
        var done = job.GetProperty("personsDone").GetInt32();
        // The job's own clock, from start to finish, when it has one: the wait above polls once a second.
        if (finished && job.TryGetProperty("startedAt", out var started) && job.TryGetProperty("finishedAt", out var ended)
            && started.ValueKind == JsonValueKind.String && ended.ValueKind == JsonValueKind.String)
        {
            seconds = (ended.GetDateTime() - started.GetDateTime()).TotalSeconds;
        }
        var found = await PlantedFoundAsync(database, planted, ct);
        return new Dedup(true, finished, seconds, total, done, job.GetProperty("comparisons").GetInt64(), job.GetProperty("pairsFound").GetInt32(),
            planted.Count, found, !finished && done > 0 ? seconds * total / done : null,
            failed ? "the job failed: " + job.GetProperty("error").GetString() : finished ? null : "stopped waiting at the cap");
    }

    /// <summary>How many planted pairs the job put in the review queue (in either order).</summary>
    private static async Task<int> PlantedFoundAsync(ScaleDatabase database, IReadOnlyList<PlantedDuplicate> planted, CancellationToken ct)
    {
        await using var db = database.Open();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT \"PersonAId\", \"PersonBId\" FROM \"MatchPairs\"";
        var pairs = new HashSet<(Guid, Guid)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                static Guid Id(object v) => v is Guid g ? g : Guid.Parse((string)v);
                var (a, b) = (Id(reader.GetValue(0)), Id(reader.GetValue(1)));
                pairs.Add(a.CompareTo(b) < 0 ? (a, b) : (b, a));
            }
        }
        return planted.Count(p => pairs.Contains(p.Original.CompareTo(p.Duplicate) < 0 ? (p.Original, p.Duplicate) : (p.Duplicate, p.Original)));
    }
}
