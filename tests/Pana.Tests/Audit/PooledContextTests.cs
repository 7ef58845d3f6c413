using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Pana.Data;
using Pana.Data.Reference;
using Pana.Features.Audit;
using Pana.Infrastructure.Access;

namespace Pana.Tests.Audit;

/// <summary>Contexts are pooled and their audit trail is one instance: what one use of a context set must not reach the next.</summary>
public sealed class PooledContextTests
{
    [Fact]
    public async Task A_summary_left_open_by_one_use_of_a_pooled_context_does_not_silence_the_audit_of_the_next()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var trail = new AuditTrail(new CurrentUser(new HttpContextAccessor()), TimeProvider.System, new AuditSealing(null!, NullLogger<AuditSealing>.Instance));
        var pool = new PooledDbContextFactory<SqlitePanaDb>(new DbContextOptionsBuilder<SqlitePanaDb>().UseSqlite(connection).AddInterceptors(trail).Options);

        PanaDb first;
        await using (var db = pool.CreateDbContext())
        {
            await db.Database.EnsureCreatedAsync();
            first = db;
            // A use that ended half-way: the summary's scope was never closed.
            _ = trail.Summarised(db);
            db.Countries.Add(new Country { Code = "AAA", NameEn = "Summarised" });
            await db.SaveChangesAsync();
            Assert.Equal(0, await db.AuditEntries.CountAsync());
        }

        await using (var db = pool.CreateDbContext())
        {
            Assert.Same(first, db);
            db.Countries.Add(new Country { Code = "BBB", NameEn = "Audited" });
            await db.SaveChangesAsync();
            var line = Assert.Single(await db.AuditEntries.ToListAsync());
            Assert.Equal("Country", line.EntityType);
            Assert.Equal("BBB", line.EntityId);
        }
    }
}
