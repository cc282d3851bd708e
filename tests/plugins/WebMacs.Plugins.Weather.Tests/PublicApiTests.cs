using WebMacs.Testing.Api;

namespace WebMacs.Plugins.Weather.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(WeatherPlugin).Assembly);
}
