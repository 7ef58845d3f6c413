using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pana.Data;
using Pana.Data.Identity;
using Pana.Features.Audit;
using Pana.Features.Shell;
using Pana.Tests.Support;

namespace Pana.Tests.Audit;

public sealed class AuditChainTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_changed_entry_breaks_the_chain_and_verification_names_it(string database)
    {
        await using var app = apps.Fresh(database);
        var user = await app.NewUser(Roles.ProtectionOfficer);
        await app.SignIn(user);
        var intact = await app.VerifyAudit();
        Assert.True(intact.Intact, string.Join("; ", intact.Problems));
        Assert.True(intact.EntriesChecked >= 3);

        var victim = await app.Db(db => db.AuditEntries.Where(e => e.ActorUserId == user.Id).OrderBy(e => e.ChainIndex).Select(e => e.ChainIndex).FirstAsync());
        await Tamper(app, $"UPDATE {Table(app)} SET {Column(app, "Summary")} = 'nothing happened' WHERE {Column(app, "ChainIndex")} = {victim}");

        var broken = await app.VerifyAudit();
        Assert.False(broken.Intact);
        Assert.Contains(broken.Problems, p => p.ChainIndex == victim && p.Problem.Contains("changed"));

        // The same verdict from the command line and the API.
        Assert.Equal(1, await Commands.RunAsync("verify-audit", app.Services));
        var admin = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));
        var report = await Json.Read(await admin.GetAsync("/api/v1/audit/verify"));
        Assert.False(report.GetProperty("intact").GetBoolean());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_deleted_entry_and_a_cut_tail_are_detected(string database)
    {
        await using var app = apps.Fresh(database);
        for (var i = 0; i < 3; i++)
        {
            await app.SignIn(await app.NewUser(Roles.ProtectionOfficer));
        }
        var report = await app.VerifyAudit();
        Assert.True(report.Intact);
        var last = report.EntriesChecked;

        await Tamper(app, $"DELETE FROM {Table(app)} WHERE {Column(app, "ChainIndex")} IN (2, {last})");

        var broken = await app.VerifyAudit();
        Assert.False(broken.Intact);
        Assert.Contains(broken.Problems, p => p.Problem.Contains("missing"));
        Assert.Contains(broken.Problems, p => p.Problem.Contains("cut off"));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_database_refuses_to_change_or_delete_a_sealed_entry(string database)
    {
        var app = apps.For(database);
        await app.SignIn(await app.NewUser(Roles.ProtectionOfficer));
        await app.VerifyAudit();

        await Assert.ThrowsAnyAsync<Exception>(() => app.Db(db => db.Database.ExecuteSqlRawAsync($"UPDATE {Table(app)} SET {Column(app, "Summary")} = 'x' WHERE {Column(app, "ChainIndex")} = 1")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.Db(db => db.Database.ExecuteSqlRawAsync($"DELETE FROM {Table(app)} WHERE {Column(app, "ChainIndex")} = 1")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Db(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.Summary = "rewritten";
            return await db.SaveChangesAsync();
        }));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_audit_page_verifies_the_chain(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.Administrator);

        var response = await PanaApp.PostForm(browser, "/Audit?handler=Verify", [], formPage: "/Audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The audit chain is intact.", await response.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Verifying_while_others_write_and_seal_finds_the_chain_intact(string database)
    {
        await using var app = apps.Fresh(database);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested)
            {
                await app.SignIn(await app.NewUser(Roles.ProtectionOfficer));
                using var scope = app.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AuditChain>().SealPendingAsync();
                written++;
            }
            return written;
        })).ToArray();

        // Walk again and again until the writers have sealed more behind the first walk's back (bounded, for a slow machine).
        var reports = new List<ChainReport>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (reports.Count < 100 || (reports[^1].EntriesChecked < reports[0].EntriesChecked + 20 && DateTime.UtcNow < deadline))
        {
            using var scope = app.Services.CreateScope();
            reports.Add(await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync());
        }
        await stop.CancelAsync();
        var written = (await Task.WhenAll(writers)).Sum();

        Assert.True(written > 0);
        Assert.All(reports, r => Assert.True(r.Intact, string.Join("; ", r.Problems.Select(p => $"{p.ChainIndex}: {p.Problem}"))));
        Assert.True(reports[^1].EntriesChecked > reports[0].EntriesChecked, "the walks saw the chain grow");
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_group_is_sealed_with_ids_past_every_id_taken_and_a_line_left_unsealed_still_joins_the_chain(string database)
    {
        await using var app = apps.Fresh(database);
        await app.SignIn(await app.NewUser(Roles.ProtectionOfficer));
        // A line written unsealed, as a change's line is before the sealing service's pass; raw SQL does not wake the service.
        var columns = string.Join(", ", new[] { "OccurredAt", "ActorName", "IpAddress", "Action", "EntityType", "EntityId", "Summary", "Changes", "CorrelationId" }.Select(c => Column(app, c)));
        var insert = $"INSERT INTO {Table(app)} ({columns}) VALUES ({{0}}, 'test', '', 'View', 'Test', 'waiting', 'written unsealed', '', '')";
        var waiting = await app.Db(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(insert, DateTime.UtcNow);
            return await db.AuditEntries.MaxAsync(e => e.Id);
        });
        var group = Enumerable.Range(1, 3).Select(i => app.Services.GetRequiredService<AuditTrail>().Line(Pana.Data.Audit.AuditAction.View, "Test", $"group {i}", "a view")).ToList();

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditChain>().AppendAsync(group);
        }
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditChain>().SealPendingAsync();
        }

        var lines = await app.Db(db => db.AuditEntries.Where(e => e.EntityType == "Test").OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["waiting", "group 1", "group 2", "group 3"], lines.Select(l => l.EntityId));
        Assert.Equal(Enumerable.Range(1, 3).Select(i => waiting + i), lines.Skip(1).Select(l => l.Id));
        Assert.All(lines, l => Assert.NotNull(l.ChainIndex));
        Assert.Equal(lines[1].ChainIndex + 1, lines[2].ChainIndex);
        Assert.Equal(lines[2].ChainIndex + 1, lines[3].ChainIndex);
        var report = await app.VerifyAudit();
        Assert.True(report.Intact, string.Join("; ", report.Problems.Select(p => $"{p.ChainIndex}: {p.Problem}")));
        Assert.Equal(0, report.Unsealed);
    }

    [Fact]
    public async Task On_PostgreSQL_a_group_waits_for_another_instance_holding_the_chain_and_follows_the_line_it_sealed()
    {
        await using var app = apps.Fresh(Databases.Postgres);
        await app.SignIn(await app.NewUser(Roles.ProtectionOfficer));
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditChain>().SealPendingAsync();
        }
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var group = Enumerable.Range(1, 3).Select(i => trail.Line(Pana.Data.Audit.AuditAction.View, "Test", $"group {i}", "a view")).ToList();

        // Another app instance, which shares no process lock with this one, holds the chain's lock.
        using var other = app.Services.CreateScope();
        var db = other.ServiceProvider.GetRequiredService<PanaDb>();
        await using var held = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChain.PostgresLockKey})");
        var head = await db.AuditChainHeads.SingleAsync();
        var appending = Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AuditChain>().AppendAsync(group);
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted""").SingleAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the group never waited for the lock");
            await Task.Delay(20);
        }
        // It seals a line of its own after the head the group may already have read, then lets go.
        var line = trail.Line(Pana.Data.Audit.AuditAction.View, "Test", "other instance", "sealed by another instance");
        line.Id = await db.Database.SqlQueryRaw<long>("""SELECT nextval(pg_get_serial_sequence('"AuditEntries"', 'Id')) AS "Value" """).SingleAsync();
        line.ChainIndex = head.LastIndex + 1;
        line.PreviousHash = head.LastHash;
        line.Hash = AuditChain.HashOf(line);
        (head.LastIndex, head.LastHash) = (line.ChainIndex.Value, line.Hash);
        db.AuditEntries.Add(line);
        await db.SaveChangesAsync();
        await held.CommitAsync();
        await appending;

        var lines = await app.Db(d => d.AuditEntries.Where(e => e.EntityType == "Test").OrderBy(e => e.ChainIndex).ToListAsync());
        Assert.Equal(["other instance", "group 1", "group 2", "group 3"], lines.Select(l => l.EntityId));
        Assert.Equal(lines[0].Hash, lines[1].PreviousHash);
        var report = await app.VerifyAudit();
        Assert.True(report.Intact, string.Join("; ", report.Problems.Select(p => $"{p.ChainIndex}: {p.Problem}")));
    }

    private static string Table(PanaApp app) => app.Database == Databases.Postgres ? "\"AuditEntries\"" : "AuditEntries";

    private static string Column(PanaApp app, string name) => app.Database == Databases.Postgres ? $"\"{name}\"" : name;

    /// <summary>What an intruder with database access does: switch off the guard, change the log.</summary>
    private static async Task Tamper(PanaApp app, string sql)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        if (app.Database == Databases.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync(sql);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }
}
