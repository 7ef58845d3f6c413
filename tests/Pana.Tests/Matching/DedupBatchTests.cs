using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Pana.Data.Identity;
using Pana.Data.Matching;
using Pana.Data.Registry;
using Pana.Features.Matching;
using Pana.Features.Matching.Evaluation;
using Pana.Infrastructure;
using Pana.Tests.Support;

namespace Pana.Tests.Matching;

public sealed class DedupBatchTests(Apps apps)
{
    [Fact]
    public void A_key_shared_by_thousands_is_split_by_year_and_still_yields_its_pair_with_a_year_off_by_one()
    {
        var random = new Random(7);
        var years = Enumerable.Range(0, 3000).Select(_ => random.Next(1950, 2010)).ToArray();
        (years[17], years[2900]) = (1980, 1981);
        var blocks = CandidateBlocks.Of(years.Length, _ => ["n:muhammad|ahmadi"], p => new BirthDay(years[p], 1, 1, DateKind.Year), CandidateBlocks.Limit);

        var pairs = blocks.Pairs().ToList();
        Assert.Contains((17, 2900), pairs);
        Assert.Equal(3000, blocks.LargestKey);
        Assert.Equal(1, blocks.SplitKeys);
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.True(pairs.Count < 3000 * 2999 / 2 / 10, $"{pairs.Count} pairs: the block was not split");
    }

    [Fact]
    public void A_key_shared_by_thousands_of_one_year_is_cut_into_overlapping_runs_by_date()
    {
        var blocks = CandidateBlocks.Of(2000, _ => ["y:ahmadi:1980"], p => new BirthDay(1980, 1 + p % 12, 1 + p % 28, DateKind.Exact), CandidateBlocks.Limit);

        var pairs = blocks.Pairs().ToHashSet();
        // Born on the same day, far apart in the registry: neighbours once ordered by date.
        Assert.Contains((0, 1680), pairs);
        Assert.True(pairs.Count < 2000 * 1999 / 2 / 2);
    }

    [Fact]
    public void Each_person_comes_back_from_the_blocks_by_index_and_once_for_a_key_given_twice()
    {
        // 5,000 people: the person's part of each place takes 13 bits, and the last index uses all of them.
        var blocks = CandidateBlocks.Of(5000, p => [$"n:{p / 2}", $"n:{p / 2}", $"y:{p}:1980"], _ => new BirthDay(1980, 1, 1, DateKind.Year), CandidateBlocks.Limit);

        var pairs = blocks.Pairs().ToList();

        Assert.Equal(Enumerable.Range(0, 2500).Select(k => (2 * k, 2 * k + 1)), pairs.Order());
        Assert.Equal(2500, blocks.Count);
        Assert.Equal(2, blocks.LargestKey);
    }

    [Fact]
    public void The_batch_blocks_a_very_common_name_and_still_finds_its_duplicate()
    {
        var people = Enumerable.Range(0, 1500).Select(i => Record("Mohammad", "Ahmadi", new DateOnly(1950 + i % 60, 1 + i % 12, 1 + i % 28))).ToList();
        people.Add(Record("Мухаммад", "Ахмади", people[42].BirthDate!.Value.AddYears(1)) with { DocumentKeys = [] });

        var (pairs, largest) = QualityRun.CandidatePairs(people, PersonMatcher.BlockingKeys);

        Assert.True(largest >= 1500);
        Assert.Contains((42, 1500), pairs);
        Assert.True(pairs.Count < 1501 * 1500 / 2 / 4, $"{pairs.Count} candidate pairs");
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_run_for_one_operation_proposes_pairs_of_that_operation_only(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = APerson.Unique("Nazarova");
        var a = (await api.Registered(APerson.Named("Gulnora", family).Born("1991-02-11") with { Sex = "Female", OriginCode = "UZB" }))[0];
        var b = (await api.Registered(APerson.Named("Гулнора", family).Born("1991-02-11") with { Sex = "Female", OriginCode = "UZB" }))[0];
        await app.Db(db => db.Persons.Where(p => p.Id == a || p.Id == b).ExecuteUpdateAsync(s => s.SetProperty(p => p.OperationCode, "TKM")));
        var (lo, hi) = MatchPair.Ordered(a, b);
        Task<bool> Proposed() => app.Db(db => db.MatchPairs.AnyAsync(p => p.PersonAId == lo && p.PersonBId == hi));

        await DedupReviewTests.RunJob(api, "KAZ");
        Assert.False(await Proposed());

        await DedupReviewTests.RunJob(api, "TKM");
        Assert.True(await Proposed());

        // Run again, the pending pair is not proposed twice.
        await DedupReviewTests.RunJob(api, "TKM");
        Assert.Equal(1, await app.Db(db => db.MatchPairs.CountAsync(p => p.PersonAId == lo && p.PersonBId == hi)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_queued_job_can_be_cancelled_and_a_finished_or_unknown_one_cannot(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        // A job waiting in the queue, as one left queued by a restart is before the app picks it up.
        var waiting = new DedupJob { OperationCode = "TKM", StartedBy = "test", QueuedAt = DateTime.UtcNow };
        await app.Db(async db =>
        {
            db.DedupJobs.Add(waiting);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/matching/jobs/{waiting.Id}/cancel", Json.Of(new { }))).StatusCode);
        var job = await Json.Read(await api.GetAsync($"/api/v1/matching/jobs/{waiting.Id}"));
        Assert.Equal("Cancelled", job.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/matching/jobs/{waiting.Id}/cancel", Json.Of(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/matching/jobs/{Guid.NewGuid()}/cancel", Json.Of(new { }))).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_job_waiting_for_an_import_when_the_app_stops_is_left_queued_for_the_restart(string database)
    {
        await using var app = apps.Fresh(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var ct = TestContext.Current.CancellationToken;
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        Guid id;

        // As an import of a large file would hold the slot while the app is stopped.
        using (await app.Services.GetRequiredService<BatchSlot>().TakeAsync(ct))
        {
            var started = await api.PostAsync("/api/v1/matching/jobs", Json.Of(new { operation = "KAZ" }), ct);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            id = (await Json.Read(started)).GetProperty("id").GetGuid();
            // Time for the job to be taken from the queue and wait for the slot.
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            lifetime.StopApplication();
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopped).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        // The app's services are gone with it: the row is read as the next start will read it. It is still queued, without
        // an error, so the restart runs it (After_a_restart_a_job_cut_off_while_running_is_failed_and_a_queued_one_runs).
        Assert.Equal(("Queued", ""), await JobRow(app, id));
    }

    private static async Task<(string State, string Error)> JobRow(PanaApp app, Guid id)
    {
        await using DbConnection connection = app.Database == Databases.Postgres ? new NpgsqlConnection(app.ConnectionString) : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"State\", \"Error\" FROM \"DedupJobs\" WHERE \"Id\" = @id";
        var parameter = read.CreateParameter();
        parameter.ParameterName = "@id";
        // EF Core keeps a Guid on SQLite as upper-case text.
        parameter.Value = app.Database == Databases.Postgres ? id : id.ToString().ToUpperInvariant();
        read.Parameters.Add(parameter);
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"No job {id}");
        return (row.GetString(0), row.GetString(1));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task After_a_restart_a_job_cut_off_while_running_is_failed_and_a_queued_one_runs(string database)
    {
        await using var app = apps.Fresh(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        // As the database holds them after the app died: one job half done, one not yet picked up.
        var cut = new DedupJob { OperationCode = "TKM", StartedBy = "test", QueuedAt = DateTime.UtcNow, State = DedupJobState.Running, StartedAt = DateTime.UtcNow, PersonsTotal = 10, PersonsDone = 4 };
        var queued = new DedupJob { OperationCode = "TKM", StartedBy = "test", QueuedAt = DateTime.UtcNow };
        await app.Db(async db =>
        {
            db.DedupJobs.AddRange(cut, queued);
            return await db.SaveChangesAsync();
        });

        // What the app does when it starts again.
        await app.Services.GetRequiredService<DedupJobs>().RecoverAsync(TestContext.Current.CancellationToken);

        var failed = await Json.Read(await api.GetAsync($"/api/v1/matching/jobs/{cut.Id}"));
        Assert.Equal("Failed", failed.GetProperty("state").GetString());
        Assert.Contains("restart", failed.GetProperty("error").GetString());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? state;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            state = (await Json.Read(await api.GetAsync($"/api/v1/matching/jobs/{queued.Id}"))).GetProperty("state").GetString();
        }
        while (state is "Queued" or "Running" && DateTime.UtcNow < deadline);
        Assert.Equal("Completed", state);
    }

    private static MatchRecord Record(string given, string family, DateOnly born) =>
        new(Guid.NewGuid(), given, family, null, Sex.Male, born, DatePrecision.Exact, "AFG", ["P" + Random.Shared.Next(10_000_000, 99_999_999)], null, []);
}
