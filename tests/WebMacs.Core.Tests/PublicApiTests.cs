using WebMacs.Testing.Api;

namespace WebMacs.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(WebMacsOptions).Assembly);
}
