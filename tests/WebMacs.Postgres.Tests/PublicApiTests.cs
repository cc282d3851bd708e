using WebMacs.Testing.Api;

namespace WebMacs.Postgres.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(PostgresStorageOptions).Assembly);
}
