using Microsoft.AspNetCore.Builder;
using WebMacs.Testing.Api;

namespace WebMacs.AspNetCore.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(WebMacsEndpointRouteBuilderExtensions).Assembly);
}
