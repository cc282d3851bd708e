using Testcontainers.PostgreSql;

namespace WebMacs.Testing.Postgres;

/// <summary>Starts PostgreSQL in a Docker container through Testcontainers.</summary>
internal static class DockerPostgres
{
    /// <summary>The image the container runs.</summary>
    public const string Image = "postgres:15-alpine";

    private const string DockerSocket = "/var/run/docker.sock";

    /// <summary>Returns why Docker is not worth trying (no socket and no <c>DOCKER_HOST</c>), or <see langword="null"/> when it is.</summary>
    public static string? WhyNotTried()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists(DockerSocket))
        {
            return null;
        }

        return $"Docker was not tried: {DockerSocket} does not exist and DOCKER_HOST is not set";
    }

    /// <summary>Starts a container and returns it once PostgreSQL accepts connections.</summary>
    public static async Task<PostgreSqlContainer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder(Image).Build();
        try
        {
            await container.StartAsync(cancellationToken);
            return container;
        }
        catch (Exception)
        {
            await container.DisposeAsync();
            throw;
        }
    }
}
