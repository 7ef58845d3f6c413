using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pana.Data;

/// <summary>Lets `dotnet ef migrations add` build each context without starting the app.</summary>
public sealed class SqliteDesignTime : IDesignTimeDbContextFactory<SqlitePanaDb>
{
    public SqlitePanaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePanaDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTime : IDesignTimeDbContextFactory<PostgresPanaDb>
{
    public PostgresPanaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPanaDb>().UseNpgsql("Host=localhost;Database=pana_design").Options);
}
