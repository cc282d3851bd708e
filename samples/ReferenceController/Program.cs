using WebMacs.Plugins.Modbus;
using WebMacs.Plugins.Simulated;
using WebMacs.Plugins.SystemMonitor;
using WebMacs.ReferenceController;

// The reference edge controller for a Revolution Pi: it keeps no database. Its plugin instances and channel → event
// mappings come from the backend's REST API (created in the backend UI or with POST /api/v1/plugins), every sample goes
// into an on-disk buffer and leaves it only when the backend acknowledged it over /ws/controller/telemetry.
// Configuration: appsettings.json, then a .env file in the working directory, then the environment (the original
// controller's WEBMACS_SERVER_URL, WEBMACS_API_TOKEN, … or .NET names such as WebMacs__Uplink__BackendUrl).
DotEnvFile.LoadIfPresent();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,    // appsettings.json next to the binary, whatever the working directory
});
builder.Logging.AddStartupFailureFilter();
builder.Configuration.AddLegacyControllerEnvironment();
builder.Services.AddSystemd();                    // Type=notify and journald-friendly logs under systemd; no-op elsewhere

builder.Services.AddWebMacs(builder.Configuration)
    .AddRevPi()                                   // plugin_id "revpi": the process image at /dev/piControl0
    .AddDevicePlugin<SimulatedPlugin>()           // plugin_id "simulated": nine demo channels
    .AddDevicePlugin<SystemMonitorPlugin>()       // plugin_id "system": CPU, memory, disk, temperature of the Pi
    .AddDevicePlugin<ModbusPlugin>()              // plugin_id "modbus": Modbus TCP devices on the plant network
    .AddAcquisition()
    .AddUplink();

using var host = builder.Build();
return await host.RunOrExplainAsync();
