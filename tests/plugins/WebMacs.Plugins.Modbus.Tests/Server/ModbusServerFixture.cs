namespace WebMacs.Plugins.Modbus.Tests.Server;

/// <summary>
/// Runs one pymodbus server for a test class. When no Python with pymodbus exists, tests that need the server are
/// skipped with a message that says how to install it; any other start failure fails them.
/// </summary>
public sealed class ModbusServerFixture : IAsyncLifetime
{
    private ModbusServerProcess? _server;

    public int Port => Server.Port;

    private ModbusServerProcess Server
    {
        get
        {
            if (_server is null)
            {
                Assert.Skip(PythonLocator.Find().Reason);
            }

            return _server;
        }
    }

    public ModbusTcpClient CreateClient(byte unitId = 1, int timeoutMs = 5000)
        => new("127.0.0.1", Port, unitId, TimeSpan.FromMilliseconds(timeoutMs));

    public async ValueTask InitializeAsync()
    {
        if (PythonLocator.Find().Executable is null)
        {
            return;
        }

        _server = await ModbusServerProcess.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
