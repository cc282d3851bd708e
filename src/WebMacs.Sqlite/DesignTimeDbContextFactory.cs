using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using WebMacs.Persistence;

namespace WebMacs.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model (design time only).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WebMacsDbContext>
{
    public WebMacsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebMacsDbContext>()
            .UseSqlite("Data Source=design.db", sqlite => sqlite.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .ReplaceService<IModelCustomizer, SqliteModelCustomizer>()
            .UseSnakeCaseNamingConvention()
            .Options);
}
