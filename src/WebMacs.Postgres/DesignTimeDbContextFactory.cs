using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using WebMacs.Persistence;

namespace WebMacs.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model (design time only; never connects).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WebMacsDbContext>
{
    public WebMacsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebMacsDbContext>()
            .UseNpgsql("Host=localhost;Database=webmacs_design", npgsql => npgsql.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .Options);
}
