using WebMacs.Testing.Api;

namespace WebMacs.Plugins.Modbus.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => PublicApiApproval.AssertApproved(typeof(ModbusPlugin).Assembly);
}
