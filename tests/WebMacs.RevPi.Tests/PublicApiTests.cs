using WebMacs.Testing.Api;

namespace WebMacs.RevPi.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(RevPiPlugin).Assembly);
}
