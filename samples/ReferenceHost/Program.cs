using Scalar.AspNetCore;
using WebMacs.Plugins.Simulated;
using WebMacs.Plugins.SystemMonitor;
using WebMacs.ReferenceHost;

// The reference host: the whole WebMacs system in one process. With no configuration it stores everything in
// ./data/webmacs.db (SQLite); DATABASE_URL=postgresql://… switches it to PostgreSQL. An existing WebMACS .env in
// the working directory is read too (real environment variables win over it).
DotEnvFile.LoadIfPresent();
var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddStartupFailureFilter();

var webmacs = builder.Services.AddWebMacs(builder.Configuration)
    .AddDevicePlugin<SimulatedPlugin>()        // plugin_id "simulated": nine demo channels
    .AddDevicePlugin<SystemMonitorPlugin>();   // plugin_id "system": CPU, memory, disk, load, temperature
if (StorageSelection.UsesPostgres(builder.Configuration))
{
    webmacs.AddPostgres();
}
else
{
    webmacs.AddSqlite();
}

webmacs.AddRules().AddWebhooks().AddAcquisition();
if (builder.Environment.IsDevelopment())
{
    // A fresh development database gets a demo instance of the simulated plugin, so data streams at once.
    webmacs.AddDemoInstance("simulated", "Demo");
}

builder.Services.AddWebMacsOpenApi();

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapWebMacs();
app.MapOpenApi();                       // /openapi/v1.json
app.MapScalarApiReference("/docs");     // interactive API page
app.PrintUrlsWhenStarted();

return await app.RunOrExplainAsync();
