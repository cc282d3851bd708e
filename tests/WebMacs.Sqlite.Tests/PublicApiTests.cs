using WebMacs.Testing.Api;

namespace WebMacs.Sqlite.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(SqliteStorageOptions).Assembly);
}
