using Microsoft.Extensions.DependencyInjection;
using WebMacs.Testing.Api;

namespace WebMacs.Plugins.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(IWebMacsBuilder).Assembly);
}
